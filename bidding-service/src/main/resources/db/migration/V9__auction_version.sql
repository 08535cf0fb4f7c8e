-- The fencing token of the engine's lease (LiveAuctions): every write of an auction's row moves its version, and any
-- other write of the auction's bidder positions (the address retention) moves it too. An engine replica that kept an
-- auction's state in memory writes its next batch only if the version is still the one it kept.
ALTER TABLE auction_state ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
