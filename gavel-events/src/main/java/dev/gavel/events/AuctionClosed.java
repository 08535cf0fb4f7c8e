package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The auction is over. {@code winnerDisplayName} is an addition to the contract's payload so that live-feed
 * consumers can name the winner without a call back. {@code runnerUpId} and {@code runnerUpAmount} (additions for
 * payment-service's second-chance offer, CONTRACT §5b) name the best bidder after the winner and their highest bid,
 * on a SOLD auction with more than one bidder.
 */
public record AuctionClosed(
        UUID eventId,
        UUID auctionId,
        UUID sellerId,
        Outcome outcome,
        UUID winnerId,
        String winnerDisplayName,
        BigDecimal finalPrice,
        String currency,
        long bidCount,
        Instant closedAt,
        long sequence,
        String logHead,
        String title,
        UUID runnerUpId,
        BigDecimal runnerUpAmount) implements AuctionEvent {

    /** A close without a runner-up. */
    public AuctionClosed(UUID eventId, UUID auctionId, UUID sellerId, Outcome outcome, UUID winnerId,
            String winnerDisplayName, BigDecimal finalPrice, String currency, long bidCount, Instant closedAt,
            long sequence, String logHead, String title) {
        this(eventId, auctionId, sellerId, outcome, winnerId, winnerDisplayName, finalPrice, currency, bidCount,
                closedAt, sequence, logHead, title, null, null);
    }

    /** A close with the log's head, without the auction's title. */
    public AuctionClosed(UUID eventId, UUID auctionId, UUID sellerId, Outcome outcome, UUID winnerId,
            String winnerDisplayName, BigDecimal finalPrice, String currency, long bidCount, Instant closedAt,
            long sequence, String logHead) {
        this(eventId, auctionId, sellerId, outcome, winnerId, winnerDisplayName, finalPrice, currency, bidCount,
                closedAt, sequence, logHead, null, null, null);
    }

    /** A close without the head of the bid log (events from before the log, and tests that do not need it). */
    public AuctionClosed(UUID eventId, UUID auctionId, UUID sellerId, Outcome outcome, UUID winnerId,
            String winnerDisplayName, BigDecimal finalPrice, String currency, long bidCount, Instant closedAt,
            long sequence) {
        this(eventId, auctionId, sellerId, outcome, winnerId, winnerDisplayName, finalPrice, currency, bidCount,
                closedAt, sequence, null, null, null, null);
    }

    @Override
    @JsonIgnore
    public Instant occurredAt() {
        return closedAt;
    }

    @Override
    @JsonIgnore
    public String topic() {
        return Topics.AUCTION_CLOSED;
    }
}
