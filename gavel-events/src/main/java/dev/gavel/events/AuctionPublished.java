package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The terms of an auction, published by auction-service; re-sent when the terms change before the first bid.
 * {@code depositRequired} (CONTRACT §3b) is the amount a bidder must have held before bidding, or null.
 */
public record AuctionPublished(
        UUID eventId,
        UUID auctionId,
        UUID sellerId,
        String title,
        AuctionType type,
        String currency,
        BigDecimal startingPrice,
        BigDecimal reservePrice,
        BigDecimal buyNowPrice,
        BigDecimal minIncrement,
        SoftClose softClose,
        Instant startsAt,
        Instant endsAt,
        Instant publishedAt,
        BigDecimal depositRequired) implements AuctionEvent {

    /** Terms without a deposit. */
    public AuctionPublished(UUID eventId, UUID auctionId, UUID sellerId, String title, AuctionType type,
            String currency, BigDecimal startingPrice, BigDecimal reservePrice, BigDecimal buyNowPrice,
            BigDecimal minIncrement, SoftClose softClose, Instant startsAt, Instant endsAt, Instant publishedAt) {
        this(eventId, auctionId, sellerId, title, type, currency, startingPrice, reservePrice, buyNowPrice,
                minIncrement, softClose, startsAt, endsAt, publishedAt, null);
    }

    @Override
    @JsonIgnore
    public Instant occurredAt() {
        return publishedAt;
    }

    @Override
    @JsonIgnore
    public String topic() {
        return Topics.AUCTION_PUBLISHED;
    }
}
