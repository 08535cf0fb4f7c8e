package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A bidder's deposit for an auction is held: they may bid on it (CONTRACT §5b). Keyed by the auction id. */
public record BidderApproved(UUID eventId, UUID auctionId, UUID bidderId, BigDecimal amount, String currency,
        Instant at) implements AuctionEvent {

    @Override
    @JsonIgnore
    public Instant occurredAt() {
        return at;
    }

    @Override
    @JsonIgnore
    public String topic() {
        return Topics.BIDDER_APPROVED;
    }
}
