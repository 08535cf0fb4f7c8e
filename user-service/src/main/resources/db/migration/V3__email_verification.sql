-- E-mail verification (CONTRACT §2b): an account starts unverified; a single-use link, stored only as a SHA-256
-- hash and valid 24 hours, verifies it. Accounts created before this migration keep working as verified.
ALTER TABLE app_user ADD COLUMN email_verified BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE app_user SET email_verified = TRUE;

CREATE TABLE email_verification_token (
    id          UUID PRIMARY KEY,
    user_id     UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    token_hash  VARCHAR(64) NOT NULL UNIQUE,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE INDEX email_verification_user_idx ON email_verification_token (user_id);
CREATE INDEX email_verification_expiry_idx ON email_verification_token (expires_at);
