package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A bid the engine accepted (a bidder's own or an automatic proxy counter-bid). {@code sequence} is the auction's
 * event sequence: consumers drop an event whose sequence is not above the last one they applied.
 */
public record BidPlaced(
        UUID eventId,
        UUID auctionId,
        UUID bidId,
        UUID bidderId,
        String bidderDisplayName,
        BigDecimal amount,
        boolean automatic,
        String currency,
        BigDecimal currentPrice,
        BigDecimal minNextBid,
        long bidCount,
        UUID leaderId,
        UUID previousLeaderId,
        Instant endsAt,
        boolean extended,
        Instant placedAt,
        long sequence) implements AuctionEvent {

    @Override
    @JsonIgnore
    public Instant occurredAt() {
        return placedAt;
    }

    @Override
    @JsonIgnore
    public String topic() {
        return Topics.BID_PLACED;
    }
}
