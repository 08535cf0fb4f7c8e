-- The tamper-evident bid log (CONTRACT §4b): each accepted bid carries the SHA-256 of the previous entry's hash and
-- its own canonical fields; the auction keeps the head. Bidders appear in it as a per-auction pseudonym.
ALTER TABLE bid ADD COLUMN pseudonym VARCHAR(20);
ALTER TABLE bid ADD COLUMN prev_hash VARCHAR(64);
ALTER TABLE bid ADD COLUMN hash VARCHAR(64);
ALTER TABLE bidder_position ADD COLUMN pseudonym VARCHAR(20);
ALTER TABLE auction_state ADD COLUMN log_head VARCHAR(64);
-- bidders of auctions from before the log get their pseudonym in the order they first bid
UPDATE bidder_position p SET pseudonym = 'bidder-' || n.ordinal
FROM (SELECT b.auction_id, b.bidder_id, row_number() OVER (PARTITION BY b.auction_id ORDER BY min(b.sequence)) ordinal
      FROM bid b GROUP BY b.auction_id, b.bidder_id) n
WHERE p.auction_id = n.auction_id AND p.bidder_id = n.bidder_id;
