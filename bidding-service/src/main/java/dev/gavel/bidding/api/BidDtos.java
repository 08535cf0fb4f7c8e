package dev.gavel.bidding.api;

import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.Bid;
import dev.gavel.bidding.service.Increments;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Request and response bodies of the bidding engine (CONTRACT §4). */
public final class BidDtos {

    private BidDtos() {
    }

    public enum BidStatus { LEADING, OUTBID }

    public record PlaceBidRequest(
            @NotNull UUID auctionId,
            @NotNull @Positive @Digits(integer = 12, fraction = 2) BigDecimal amount,
            @Positive @Digits(integer = 12, fraction = 2) BigDecimal maxAmount) {
    }

    /**
     * {@code expectedPrice} is the buy-now price the buyer saw (CONTRACT §4b); when it is not the price now, nothing
     * happens (409 PRICE_CHANGED). It may be left out by v1 clients, who then buy at the price of the moment.
     */
    public record BuyNowRequest(@NotNull UUID auctionId, @Positive @Digits(integer = 12, fraction = 2) BigDecimal expectedPrice) {
    }

    public enum MyState { LEADING, OUTBID, WON, LOST }

    public record MyAuction(UUID auctionId, BigDecimal myHighestBid, BigDecimal myMaxAmount, MyState state,
            BigDecimal currentPrice, Instant endsAt) {
    }

    /**
     * The answer to an accepted bid. {@code receivedAt} is the instant the bid counts at (when its request arrived);
     * {@code serverTime} when the engine decided it (a replayed answer keeps both).
     */
    public record BidResult(UUID bidId, UUID auctionId, BigDecimal amount, BigDecimal maxAmount, BidStatus status,
            BigDecimal currentPrice, BigDecimal minNextBid, long bidCount, Instant endsAt, boolean extended,
            Instant receivedAt, Instant serverTime) {
    }

    public record Bidder(String displayName) {
    }

    public record LeadingBidder(UUID id, String displayName) {
    }

    public record BidView(UUID bidId, BigDecimal amount, Bidder bidder, boolean automatic, Instant placedAt) {

        public static BidView of(Bid bid) {
            return new BidView(bid.id, bid.amount, new Bidder(bid.publicName()), bid.automatic, bid.placedAt);
        }
    }

    public enum LiveStatus { SCHEDULED, ACTIVE, CLOSED, CANCELLED }

    public record LiveState(UUID auctionId, LiveStatus status, BigDecimal currentPrice, BigDecimal minNextBid,
            long bidCount, LeadingBidder leadingBidder, Instant endsAt, boolean reserveMet, boolean buyNowAvailable,
            long sequence, BigDecimal buyNowPrice) {

        public static LiveState of(AuctionState a, Instant now) {
            LiveStatus status = switch (a.status) {
                case CLOSED -> LiveStatus.CLOSED;
                case CANCELLED -> LiveStatus.CANCELLED;
                case OPEN -> now.isBefore(a.startsAt) ? LiveStatus.SCHEDULED : LiveStatus.ACTIVE;
            };
            boolean open = status == LiveStatus.ACTIVE || status == LiveStatus.SCHEDULED;
            boolean buyNow = open && Increments.buyNowAvailable(a);
            // the leader's id is not public: only the (possibly masked) name
            LeadingBidder leader = a.leaderName == null ? null : new LeadingBidder(null, a.leaderName);
            return new LiveState(a.id, status, a.currentPrice, Increments.minNextBid(a), a.bidCount, leader,
                    a.endsAt, Increments.reserveMet(a), buyNow, a.sequence, buyNow ? a.buyNowPrice : null);
        }
    }
}
