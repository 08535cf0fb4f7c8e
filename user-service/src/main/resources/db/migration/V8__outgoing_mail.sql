-- Mails user-service has decided to send (verification links, reset links, sign-in codes), queued in the transaction
-- that decided them and sent after its commit, tried again with backoff while the SMTP server is away or a send hangs.
-- A row carries the link or code in its body, so it is deleted once sent; one that keeps failing is dropped once a
-- newer mail of the same kind to the same address was queued (its link replaced the older one's).
CREATE TABLE outgoing_mail (
    id              UUID PRIMARY KEY,
    kind            VARCHAR(40)  NOT NULL,
    recipient       VARCHAR(320) NOT NULL,
    subject         VARCHAR(200) NOT NULL,
    html_body       TEXT         NOT NULL,
    text_body       TEXT         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    next_attempt_at TIMESTAMPTZ  NOT NULL,
    attempts        INT          NOT NULL DEFAULT 0,
    last_error      VARCHAR(500)
);
CREATE INDEX outgoing_mail_due_idx ON outgoing_mail (next_attempt_at);
CREATE INDEX outgoing_mail_recipient_idx ON outgoing_mail (recipient, kind);
