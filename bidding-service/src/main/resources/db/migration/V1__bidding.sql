-- The engine's own copy of an auction: its terms (from auction-published) and its live state.
CREATE TABLE auction_state (
    id                    UUID PRIMARY KEY,
    seller_id             UUID          NOT NULL,
    title                 VARCHAR(120)  NOT NULL,
    type                  VARCHAR(10)   NOT NULL CHECK (type IN ('FORWARD', 'REVERSE')),
    currency              CHAR(3)       NOT NULL,
    starting_price        NUMERIC(14,2) NOT NULL,
    reserve_price         NUMERIC(14,2),
    buy_now_price         NUMERIC(14,2),
    min_increment         NUMERIC(14,2),
    soft_close_window     VARCHAR(30),
    soft_close_extension  VARCHAR(30),
    soft_close_mode       VARCHAR(10),
    starts_at             TIMESTAMPTZ   NOT NULL,
    ends_at               TIMESTAMPTZ   NOT NULL,
    status                VARCHAR(12)   NOT NULL CHECK (status IN ('OPEN', 'CLOSED', 'CANCELLED')),
    outcome               VARCHAR(12),
    current_price         NUMERIC(14,2) NOT NULL,
    bid_count             BIGINT        NOT NULL DEFAULT 0,
    leader_id             UUID,
    leader_name           VARCHAR(60),
    sequence              BIGINT        NOT NULL DEFAULT 0,
    terms_published_at    TIMESTAMPTZ   NOT NULL,
    closed_at             TIMESTAMPTZ
);
-- the closer's question: which open auctions have reached their effective end?
CREATE INDEX auction_state_due_idx ON auction_state (ends_at) WHERE status = 'OPEN';

CREATE TABLE bid (
    id           UUID PRIMARY KEY,
    auction_id   UUID          NOT NULL REFERENCES auction_state (id),
    bidder_id    UUID          NOT NULL,
    bidder_name  VARCHAR(60)   NOT NULL,
    anonymous    BOOLEAN       NOT NULL,
    amount       NUMERIC(14,2) NOT NULL,
    max_amount   NUMERIC(14,2) NOT NULL,
    automatic    BOOLEAN       NOT NULL,
    placed_at    TIMESTAMPTZ   NOT NULL,
    sequence     BIGINT        NOT NULL
);
CREATE INDEX bid_auction_idx ON bid (auction_id, sequence DESC);
CREATE INDEX bid_bidder_idx ON bid (bidder_id);
