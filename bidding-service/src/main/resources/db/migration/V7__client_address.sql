-- Shill-bidding signals: the keyed hash of the client address a seller listed from and a bidder bid from (never the
-- address; removed after gavel.bidding.address-retention), and when a bidder's account was created (from their token).
ALTER TABLE auction_state ADD COLUMN seller_address_hash VARCHAR(64);
ALTER TABLE bidder_position ADD COLUMN address_hash VARCHAR(64);
ALTER TABLE bidder_position ADD COLUMN address_seen_at TIMESTAMPTZ;
ALTER TABLE bidder_position ADD COLUMN account_created_at TIMESTAMPTZ;
CREATE INDEX bidder_position_address_seen ON bidder_position (address_seen_at) WHERE address_seen_at IS NOT NULL;
