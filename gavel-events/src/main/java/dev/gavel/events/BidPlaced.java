package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A bid the engine accepted (a bidder's own or an automatic proxy counter-bid). {@code sequence} is the auction's
 * event sequence: consumers drop an event whose sequence is not above the last one they applied. {@code hash} is the
 * bid's entry in the auction's tamper-evident log (CONTRACT §4b); {@code title} is the auction's title as the engine
 * knows it (an addition: consumers need not wait for {@code auction-published} to name the auction).
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
        long sequence,
        String hash,
        String title) implements AuctionEvent {

    /** A bid with its log hash, without the auction's title. */
    public BidPlaced(UUID eventId, UUID auctionId, UUID bidId, UUID bidderId, String bidderDisplayName,
            BigDecimal amount, boolean automatic, String currency, BigDecimal currentPrice, BigDecimal minNextBid,
            long bidCount, UUID leaderId, UUID previousLeaderId, Instant endsAt, boolean extended, Instant placedAt,
            long sequence, String hash) {
        this(eventId, auctionId, bidId, bidderId, bidderDisplayName, amount, automatic, currency, currentPrice,
                minNextBid, bidCount, leaderId, previousLeaderId, endsAt, extended, placedAt, sequence, hash, null);
    }

    /** A bid without its log hash (events from before the tamper-evident log, and tests that do not need it). */
    public BidPlaced(UUID eventId, UUID auctionId, UUID bidId, UUID bidderId, String bidderDisplayName,
            BigDecimal amount, boolean automatic, String currency, BigDecimal currentPrice, BigDecimal minNextBid,
            long bidCount, UUID leaderId, UUID previousLeaderId, Instant endsAt, boolean extended, Instant placedAt,
            long sequence) {
        this(eventId, auctionId, bidId, bidderId, bidderDisplayName, amount, automatic, currency, currentPrice,
                minNextBid, bidCount, leaderId, previousLeaderId, endsAt, extended, placedAt, sequence, null, null);
    }

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
