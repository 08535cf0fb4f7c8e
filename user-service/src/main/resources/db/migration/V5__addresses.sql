-- A user's postal addresses (CONTRACT §2b): at most 10, exactly one principal while any exist. The partial unique
-- index makes a second principal impossible even if two changes raced past the service's row lock.
CREATE TABLE address (
    id           UUID PRIMARY KEY,
    user_id      UUID         NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    label        VARCHAR(60)  NOT NULL,
    full_name    VARCHAR(120) NOT NULL,
    line1        VARCHAR(200) NOT NULL,
    line2        VARCHAR(200),
    city         VARCHAR(100) NOT NULL,
    postal_code  VARCHAR(20)  NOT NULL,
    region       VARCHAR(100),
    country      VARCHAR(2)   NOT NULL,
    phone        VARCHAR(40),
    principal    BOOLEAN      NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX address_user_idx ON address (user_id, created_at);
CREATE UNIQUE INDEX address_one_principal_idx ON address (user_id) WHERE principal;
