-- How many bidders an auction has, kept by the engine under the auction's row lock: a batch then reads only the
-- positions it can change (the two best maxima and its own bidders'), not every bidder of the auction, and still
-- numbers a new bidder's pseudonym (bidder-N) in the order they first bid.
ALTER TABLE auction_state ADD COLUMN bidder_count INTEGER NOT NULL DEFAULT 0;
UPDATE auction_state a SET bidder_count = (SELECT count(*) FROM bidder_position p WHERE p.auction_id = a.id);
