-- CONTRACT §3b/§5b: an auction with a deposit takes bids only from bidders whose deposit payment-service holds
-- (bidder-approved). Kept here from that topic, so a bid never waits for a call to payment-service.
ALTER TABLE auction_state ADD COLUMN deposit_required NUMERIC(14, 2);
CREATE TABLE approved_bidder (
    auction_id   UUID        NOT NULL,
    bidder_id    UUID        NOT NULL,
    approved_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (auction_id, bidder_id)
);
