package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.UUID;

/** The seller or an admin cancelled the auction in the catalog. */
public record AuctionCancelled(UUID eventId, UUID auctionId, Instant cancelledAt, String reason) implements AuctionEvent {

    @Override
    @JsonIgnore
    public Instant occurredAt() {
        return cancelledAt;
    }

    @Override
    @JsonIgnore
    public String topic() {
        return Topics.AUCTION_CANCELLED;
    }
}
