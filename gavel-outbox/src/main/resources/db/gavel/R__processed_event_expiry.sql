-- Applied-event ids are deleted once older than the retention (ProcessedEvents.expire); this index finds them.
-- (Repeatable and idempotent, so existing databases get it on their next start.)
CREATE INDEX IF NOT EXISTS processed_event_processed_at_idx ON processed_event (processed_at);
