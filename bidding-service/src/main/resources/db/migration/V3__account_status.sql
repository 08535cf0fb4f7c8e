-- Accounts suspended by an admin (user-suspended / user-reinstated from user-service): their bids are refused even
-- with an unexpired access token. The newest change wins, whatever order the two topics deliver in.
CREATE TABLE account_status (
    user_id     UUID        PRIMARY KEY,
    suspended   BOOLEAN     NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX account_status_suspended_idx ON account_status (user_id) WHERE suspended;
