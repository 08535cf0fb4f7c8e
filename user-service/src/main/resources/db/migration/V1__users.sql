CREATE TABLE app_user (
    id                 UUID PRIMARY KEY,
    email              VARCHAR(254) NOT NULL,
    password_hash      VARCHAR(100) NOT NULL,
    display_name       VARCHAR(60)  NOT NULL,
    account_type       VARCHAR(20)  NOT NULL CHECK (account_type IN ('INDIVIDUAL', 'COMPANY')),
    first_name         VARCHAR(100),
    last_name          VARCHAR(100),
    phone              VARCHAR(40),
    company_legal_name VARCHAR(200),
    company_trade_name VARCHAR(200),
    company_tax_id     VARCHAR(50),
    anonymous_bidding  BOOLEAN      NOT NULL DEFAULT FALSE,
    roles              VARCHAR(100) NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL
);
-- e-mails are stored normalised (trimmed, lower case); the index enforces case-insensitive uniqueness
CREATE UNIQUE INDEX app_user_email_uk ON app_user (lower(email));

-- opaque refresh tokens, stored only as a SHA-256 hash; one family per login, rotated on every refresh
CREATE TABLE refresh_token (
    id          UUID PRIMARY KEY,
    user_id     UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    family_id   UUID        NOT NULL,
    token_hash  VARCHAR(64) NOT NULL UNIQUE,
    issued_at   TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX refresh_token_user_idx ON refresh_token (user_id);
CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);
