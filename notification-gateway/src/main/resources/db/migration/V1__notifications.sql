-- People's notifications (CONTRACT §6b): the inbox, what is known about auctions and recipients, mail preferences and
-- the mails to send. Written once per event across replicas (a shared consumer group, processed_event for ids).

CREATE TABLE notification (
    id          UUID PRIMARY KEY,             -- derived from the event, the recipient and the type: a redelivered
    user_id     UUID          NOT NULL,       -- event finds its notification already there
    type        VARCHAR(40)   NOT NULL,
    auction_id  UUID,
    order_id    UUID,
    title       VARCHAR(300)  NOT NULL,
    body        VARCHAR(1000) NOT NULL,
    created_at  TIMESTAMPTZ   NOT NULL,
    read_at     TIMESTAMPTZ
);
CREATE INDEX notification_user_idx ON notification (user_id, created_at DESC, id);
CREATE INDEX notification_unread_idx ON notification (user_id) WHERE read_at IS NULL;
CREATE INDEX notification_expiry_idx ON notification (created_at);

-- the title (and seller) of every auction, from auction-published: no call to the catalog per event
CREATE TABLE auction_info (
    auction_id  UUID PRIMARY KEY,
    title       VARCHAR(200) NOT NULL,
    seller_id   UUID         NOT NULL,
    currency    VARCHAR(3)   NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);

-- where a user may be mailed, from user-contact-changed
CREATE TABLE recipient (
    user_id         UUID PRIMARY KEY,
    email           VARCHAR(320) NOT NULL,
    email_verified  BOOLEAN      NOT NULL,
    display_name    VARCHAR(60)  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);

-- mail preferences; no row: the defaults (all on but outbid)
CREATE TABLE mail_preference (
    user_id       UUID PRIMARY KEY,
    outbid        BOOLEAN NOT NULL,
    auction_won   BOOLEAN NOT NULL,
    auction_sold  BOOLEAN NOT NULL,
    ending_soon   BOOLEAN NOT NULL,
    payments      BOOLEAN NOT NULL
);

-- a mail per notification, sent by the delivery job with retries; sent_at set once the SMTP server took it
CREATE TABLE mail_job (
    notification_id  UUID PRIMARY KEY REFERENCES notification (id) ON DELETE CASCADE,
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    sent_at          TIMESTAMPTZ,
    last_error       VARCHAR(500)
);
CREATE INDEX mail_job_due_idx ON mail_job (next_attempt_at) WHERE sent_at IS NULL;

-- at most one outbid mail per user and auction per 15 minutes
CREATE TABLE outbid_mail_sent (
    user_id     UUID        NOT NULL,
    auction_id  UUID        NOT NULL,
    sent_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, auction_id)
);
