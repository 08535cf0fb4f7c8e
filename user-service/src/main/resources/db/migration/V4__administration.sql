-- Administration (CONTRACT §2b): suspension, and an append-only audit log of every admin action.
ALTER TABLE app_user ADD COLUMN status VARCHAR(20) NOT NULL DEFAULT 'ACTIVE'
    CHECK (status IN ('ACTIVE', 'SUSPENDED'));
ALTER TABLE app_user ADD COLUMN suspended_at TIMESTAMPTZ;
ALTER TABLE app_user ADD COLUMN suspension_reason VARCHAR(500);
CREATE INDEX app_user_created_idx ON app_user (created_at DESC);

CREATE TABLE admin_audit (
    id          UUID PRIMARY KEY,
    admin_id    UUID         NOT NULL,
    user_id     UUID         NOT NULL,
    action      VARCHAR(40)  NOT NULL,
    reason      VARCHAR(500),
    at          TIMESTAMPTZ  NOT NULL
);
CREATE INDEX admin_audit_user_idx ON admin_audit (user_id, at DESC);
