-- Two-factor sign-in (CONTRACT §2b). The TOTP secret is encrypted at rest (AES-GCM, key from configuration); recovery
-- codes, challenge tokens and e-mailed codes are stored only as SHA-256 hashes.
CREATE TABLE mfa_totp (
    user_id           UUID PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
    secret_encrypted  VARCHAR(200) NOT NULL,
    confirmed_at      TIMESTAMPTZ,
    created_at        TIMESTAMPTZ  NOT NULL,
    -- the last time step whose code was accepted: a code works once
    last_used_step    BIGINT       NOT NULL DEFAULT 0
);

CREATE TABLE mfa_recovery_code (
    id         UUID PRIMARY KEY,
    user_id    UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    code_hash  VARCHAR(64) NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX mfa_recovery_user_idx ON mfa_recovery_code (user_id);

-- the second step of a sign-in: lives 5 minutes, dies after 5 wrong codes
CREATE TABLE mfa_challenge (
    id                     UUID PRIMARY KEY,
    user_id                UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    token_hash             VARCHAR(64) NOT NULL UNIQUE,
    expires_at             TIMESTAMPTZ NOT NULL,
    failures               INT         NOT NULL DEFAULT 0,
    email_code_hash        VARCHAR(64),
    email_code_expires_at  TIMESTAMPTZ,
    used_at                TIMESTAMPTZ
);
CREATE INDEX mfa_challenge_expiry_idx ON mfa_challenge (expires_at);

-- how the session was authenticated (amr: pwd, otp), kept across refreshes
ALTER TABLE refresh_token ADD COLUMN amr VARCHAR(40) NOT NULL DEFAULT 'pwd';
