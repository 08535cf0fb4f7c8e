-- A bid no longer has a foreign key to its auction_state row. Its check took a KEY SHARE lock on the auction's row for
-- every bid inserted, and under a bid storm that is the hottest row of the database, already locked by the update of
-- the batch before (a multixact per batch). What the key guaranteed still holds: the engine is the only writer of
-- bids, it writes a batch's bids in the transaction that writes their auction's row (fenced by its version, or locked),
-- and a row of auction_state is never deleted.
ALTER TABLE bid DROP CONSTRAINT bid_auction_id_fkey;
