-- Each bidder's standing in an auction: the highest amount they bid themselves and their maximum (proxy bidding).
CREATE TABLE bidder_position (
    auction_id   UUID          NOT NULL REFERENCES auction_state (id),
    bidder_id    UUID          NOT NULL,
    bidder_name  VARCHAR(60)   NOT NULL,
    anonymous    BOOLEAN       NOT NULL,
    amount       NUMERIC(14,2) NOT NULL,
    max_amount   NUMERIC(14,2) NOT NULL,
    max_since    TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (auction_id, bidder_id)
);
CREATE INDEX bidder_position_bidder_idx ON bidder_position (bidder_id);

-- Idempotency-Key: the first answer to (user, key), replayed for retries with the same body.
CREATE TABLE idempotency_key (
    user_id       UUID         NOT NULL,
    idem_key      VARCHAR(200) NOT NULL,
    request_hash  VARCHAR(64)  NOT NULL,
    status        INTEGER,
    response      TEXT,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
