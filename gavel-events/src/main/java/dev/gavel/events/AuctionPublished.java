package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The terms of an auction, published by auction-service; re-sent when the terms change before the first bid.
 * {@code depositRequired} (CONTRACT §3b) is the amount a bidder must have held before bidding, or null.
 * {@code sellerAddressHash} is the keyed hash of the client address the seller listed from (gavel-common
 * {@code ClientAddresses}; null when addresses are not kept): bidding-service compares it with its bidders' for the
 * shill-bidding signals. It is not the address, and without the platform's key it cannot be tested against one.
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
        BigDecimal depositRequired,
        String sellerAddressHash) implements AuctionEvent {

    /** Terms without the seller's address. */
    public AuctionPublished(UUID eventId, UUID auctionId, UUID sellerId, String title, AuctionType type,
            String currency, BigDecimal startingPrice, BigDecimal reservePrice, BigDecimal buyNowPrice,
            BigDecimal minIncrement, SoftClose softClose, Instant startsAt, Instant endsAt, Instant publishedAt,
            BigDecimal depositRequired) {
        this(eventId, auctionId, sellerId, title, type, currency, startingPrice, reservePrice, buyNowPrice,
                minIncrement, softClose, startsAt, endsAt, publishedAt, depositRequired, null);
    }

    /** Terms without a deposit. */
    public AuctionPublished(UUID eventId, UUID auctionId, UUID sellerId, String title, AuctionType type,
            String currency, BigDecimal startingPrice, BigDecimal reservePrice, BigDecimal buyNowPrice,
            BigDecimal minIncrement, SoftClose softClose, Instant startsAt, Instant endsAt, Instant publishedAt) {
        this(eventId, auctionId, sellerId, title, type, currency, startingPrice, reservePrice, buyNowPrice,
                minIncrement, softClose, startsAt, endsAt, publishedAt, null, null);
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
