-- single-use password reset tokens, stored only as a SHA-256 hash
CREATE TABLE password_reset_token (
    id          UUID PRIMARY KEY,
    user_id     UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    token_hash  VARCHAR(64) NOT NULL UNIQUE,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE INDEX password_reset_user_idx ON password_reset_token (user_id);

-- Bucket4j token buckets of failed logins (per account and per client), shared by all replicas
CREATE TABLE login_throttle (
    id          VARCHAR(300) PRIMARY KEY,
    state       BYTEA,
    explicit_lock BIGINT,
    expires_at  BIGINT
);
CREATE INDEX login_throttle_expiry_idx ON login_throttle (expires_at);
