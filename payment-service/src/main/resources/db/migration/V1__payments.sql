-- payment-service (CONTRACT §5b). Money is NUMERIC(14, 2); every amount has a currency.

-- The double-entry ledger. An account belongs to a user (WALLET: available money, HELD: deposits), to an order
-- (ESCROW: the buyer's money until receipt) or to the platform (PLATFORM_REVENUE, PROVIDER_CLEARING: what the payment
-- provider holds for us, negative while it does). `balance` is a cache of the sum of the account's entries, written in
-- the same transaction as they are; LedgerAudit proves the two agree.
CREATE TABLE ledger_account (
    id        UUID          PRIMARY KEY,
    kind      VARCHAR(20)   NOT NULL CHECK (kind IN ('WALLET', 'HELD', 'ESCROW', 'PLATFORM_REVENUE', 'PROVIDER_CLEARING')),
    owner_id  UUID          NOT NULL,
    currency  CHAR(3)       NOT NULL,
    balance   NUMERIC(14, 2) NOT NULL DEFAULT 0,
    UNIQUE (kind, owner_id, currency),
    -- nobody's money goes below zero; only the provider's clearing account may
    CHECK (kind = 'PROVIDER_CLEARING' OR balance >= 0)
);

CREATE TABLE ledger_transaction (
    id          UUID        PRIMARY KEY,
    kind        VARCHAR(30) NOT NULL,
    -- what caused it (an order, a payment, a deposit): with kind, applied once
    reference   VARCHAR(100) NOT NULL,
    description VARCHAR(200) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (kind, reference)
);

CREATE TABLE ledger_entry (
    id              BIGSERIAL      PRIMARY KEY,
    transaction_id  UUID           NOT NULL REFERENCES ledger_transaction (id),
    account_id      UUID           NOT NULL REFERENCES ledger_account (id),
    amount          NUMERIC(14, 2) NOT NULL CHECK (amount <> 0),
    created_at      TIMESTAMPTZ    NOT NULL
);
CREATE INDEX ledger_entry_account_idx ON ledger_entry (account_id, id DESC);
CREATE INDEX ledger_entry_transaction_idx ON ledger_entry (transaction_id);

-- Append-only: entries and transactions are never changed or removed.
CREATE FUNCTION ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_transaction_append_only BEFORE UPDATE OR DELETE ON ledger_transaction
    FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

-- Every transaction balances to zero, checked by the database at commit (whatever the application does).
CREATE FUNCTION ledger_transaction_balances() RETURNS trigger AS $$
DECLARE
    total NUMERIC;
BEGIN
    SELECT sum(amount) INTO total FROM ledger_entry WHERE transaction_id = NEW.transaction_id;
    IF total <> 0 THEN
        RAISE EXCEPTION 'ledger transaction % does not balance: its entries sum to %', NEW.transaction_id, total;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE CONSTRAINT TRIGGER ledger_entry_balanced AFTER INSERT ON ledger_entry
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_transaction_balances();

-- What the catalog and user-service told us: an auction's terms (title, deposit) and a user's shipping address.
CREATE TABLE auction_terms (
    auction_id        UUID           PRIMARY KEY,
    seller_id         UUID           NOT NULL,
    title             VARCHAR(200)   NOT NULL,
    currency          CHAR(3)        NOT NULL,
    deposit_required  NUMERIC(14, 2),
    ends_at           TIMESTAMPTZ    NOT NULL,
    closed            BOOLEAN        NOT NULL DEFAULT FALSE,
    published_at      TIMESTAMPTZ    NOT NULL
);

CREATE TABLE shipping_address (
    user_id     UUID         PRIMARY KEY,
    address     TEXT,
    changed_at  TIMESTAMPTZ  NOT NULL
);

CREATE TABLE orders (
    id                UUID           PRIMARY KEY,
    auction_id        UUID           NOT NULL,
    title             VARCHAR(200)   NOT NULL,
    buyer_id          UUID           NOT NULL,
    seller_id         UUID           NOT NULL,
    status            VARCHAR(20)    NOT NULL,
    hammer_price      NUMERIC(14, 2) NOT NULL,
    buyer_premium     NUMERIC(14, 2) NOT NULL,
    total             NUMERIC(14, 2) NOT NULL,
    deposit_applied   NUMERIC(14, 2) NOT NULL DEFAULT 0,
    currency          CHAR(3)        NOT NULL,
    due_at            TIMESTAMPTZ    NOT NULL,
    shipping_address  TEXT,
    carrier           VARCHAR(60),
    tracking_number   VARCHAR(100),
    second_chance     BOOLEAN        NOT NULL DEFAULT FALSE,
    runner_up_id      UUID,
    runner_up_amount  NUMERIC(14, 2),
    created_at        TIMESTAMPTZ    NOT NULL,
    paid_at           TIMESTAMPTZ,
    shipped_at        TIMESTAMPTZ,
    completed_at      TIMESTAMPTZ,
    cancelled_at      TIMESTAMPTZ,
    version           BIGINT         NOT NULL DEFAULT 0,
    -- one order per auction and buyer: the winner's, and at most one second chance to the runner-up
    UNIQUE (auction_id, buyer_id)
);
CREATE INDEX orders_buyer_idx ON orders (buyer_id, created_at DESC);
CREATE INDEX orders_seller_idx ON orders (seller_id, created_at DESC);
CREATE INDEX orders_due_idx ON orders (due_at) WHERE status = 'AWAITING_PAYMENT';
CREATE INDEX orders_shipped_idx ON orders (shipped_at) WHERE status = 'SHIPPED';

-- A payment through a provider: an order paid at its checkout, a wallet top-up, a withdrawal paid out.
CREATE TABLE payment (
    id            UUID           PRIMARY KEY,
    purpose       VARCHAR(20)    NOT NULL CHECK (purpose IN ('ORDER', 'TOP_UP', 'WITHDRAWAL')),
    user_id       UUID           NOT NULL,
    order_id      UUID,
    amount        NUMERIC(14, 2) NOT NULL CHECK (amount > 0),
    currency      CHAR(3)        NOT NULL,
    provider      VARCHAR(20)    NOT NULL,
    provider_ref  VARCHAR(200),
    status        VARCHAR(20)    NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    -- the sandbox checkout page's Approve / Decline: made once
    checkout_decision VARCHAR(10),
    created_at    TIMESTAMPTZ    NOT NULL,
    completed_at  TIMESTAMPTZ,
    version       BIGINT         NOT NULL DEFAULT 0
);
CREATE INDEX payment_user_idx ON payment (user_id, created_at DESC);

-- Deposits held for bidding on an auction: one per auction and bidder.
CREATE TABLE deposit (
    auction_id  UUID           NOT NULL,
    bidder_id   UUID           NOT NULL,
    amount      NUMERIC(14, 2) NOT NULL,
    currency    CHAR(3)        NOT NULL,
    status      VARCHAR(20)    NOT NULL CHECK (status IN ('HELD', 'RELEASED', 'APPLIED')),
    held_at     TIMESTAMPTZ    NOT NULL,
    settled_at  TIMESTAMPTZ,
    PRIMARY KEY (auction_id, bidder_id)
);

-- The sandbox provider's webhook calls, kept until a 2xx answers them (they survive a restart).
CREATE TABLE sandbox_webhook (
    id               BIGSERIAL    PRIMARY KEY,
    event_id         VARCHAR(60)  NOT NULL,
    payload          TEXT         NOT NULL,
    attempts         INT          NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ  NOT NULL,
    delivered_at     TIMESTAMPTZ
);
CREATE INDEX sandbox_webhook_pending_idx ON sandbox_webhook (next_attempt_at) WHERE delivered_at IS NULL;
