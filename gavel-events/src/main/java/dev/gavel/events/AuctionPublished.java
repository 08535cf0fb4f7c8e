package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The terms of an auction, published by auction-service; re-sent when the terms change before the first bid. */
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
        Instant publishedAt) implements AuctionEvent {

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
