package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A bidder's deposit went back to their wallet: the auction ended and they did not win it (CONTRACT §5b). */
public record DepositReleased(UUID eventId, UUID auctionId, UUID bidderId, BigDecimal amount, String currency,
        Instant at) implements AuctionEvent {

    @Override
    @JsonIgnore
    public Instant occurredAt() {
        return at;
    }

    @Override
    @JsonIgnore
    public String topic() {
        return Topics.DEPOSIT_RELEASED;
    }
}
