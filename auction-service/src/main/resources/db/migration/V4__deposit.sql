-- CONTRACT §3b: an auction may ask bidders for a deposit, held on their wallet by payment-service before they bid.
ALTER TABLE auction ADD COLUMN deposit_required NUMERIC(14, 2) CHECK (deposit_required > 0);
