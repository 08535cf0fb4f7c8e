-- External sign-in (OpenID Connect, CONTRACT §2b): a provider's subject is linked to one account. An account created
-- this way has no password until its owner sets one by reset.
CREATE TABLE external_identity (
    provider   VARCHAR(40)  NOT NULL,
    subject    VARCHAR(255) NOT NULL,
    user_id    UUID         NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    email      VARCHAR(320),
    linked_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (provider, subject)
);
CREATE INDEX external_identity_user_idx ON external_identity (user_id);
ALTER TABLE app_user ALTER COLUMN password_hash DROP NOT NULL;
