-- The outbox is a queue: every row is deleted within milliseconds of its insert. Under a bidding storm that is
-- thousands of dead rows a second, and with PostgreSQL's default trigger (20 % of the table) the relay's
-- "ORDER BY id LIMIT n" walks ever more dead index entries. Vacuum it after every 10,000 dead rows, without the
-- cost-based pauses. (Repeatable and idempotent, so existing databases get it on their next start.)
ALTER TABLE outbox_event SET (
    autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 10000,
    autovacuum_vacuum_cost_delay = 0
);
