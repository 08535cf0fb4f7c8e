-- Of equal maxima the one set first leads. "First" was the instant the maximum was set; with the received-time rule
-- two bids of one batch may share an instant or be decided in another order than they arrived (found by the model
-- test), so the rank now uses the auction's sequence at which the maximum was set.
ALTER TABLE bidder_position ADD COLUMN max_order BIGINT;
UPDATE bidder_position p SET max_order = COALESCE(
        (SELECT min(b.sequence) FROM bid b
         WHERE b.auction_id = p.auction_id AND b.bidder_id = p.bidder_id AND b.max_amount = p.max_amount), 0);
ALTER TABLE bidder_position ALTER COLUMN max_order SET NOT NULL;
