-- Ending-soon reminders (CONTRACT §6b): when each auction ends (moved by soft-close extensions), whether it closed,
-- which end each reminder was sent for, and who is reminded (watchers from watchlist-changed, bidders from bid-placed).
ALTER TABLE auction_info ADD COLUMN ends_at TIMESTAMPTZ;
ALTER TABLE auction_info ADD COLUMN ends_sequence BIGINT NOT NULL DEFAULT 0;
ALTER TABLE auction_info ADD COLUMN closed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE auction_info ADD COLUMN reminded_hour_for TIMESTAMPTZ;
ALTER TABLE auction_info ADD COLUMN reminded_minutes_for TIMESTAMPTZ;
CREATE INDEX auction_info_open_idx ON auction_info (ends_at) WHERE NOT closed;

CREATE TABLE auction_audience (
    auction_id  UUID    NOT NULL,
    user_id     UUID    NOT NULL,
    watching    BOOLEAN NOT NULL DEFAULT FALSE,
    bidding     BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (auction_id, user_id)
);
