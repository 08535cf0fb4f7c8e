package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.UUID;

/**
 * A user started or stopped watching an auction (only real changes are sent). notification-gateway keeps who watches
 * what from it, to remind watchers before the end. An addition to CONTRACT §7b.
 */
public record WatchlistChanged(UUID eventId, UUID auctionId, UUID userId, boolean watching, Instant changedAt)
        implements AuctionEvent {

    @Override
    @JsonIgnore
    public Instant occurredAt() {
        return changedAt;
    }

    @Override
    @JsonIgnore
    public String topic() {
        return Topics.WATCHLIST_CHANGED;
    }
}
