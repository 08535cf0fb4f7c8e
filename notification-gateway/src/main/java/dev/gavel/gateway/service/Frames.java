package dev.gavel.gateway.service;

import dev.gavel.events.AuctionClosed;
import dev.gavel.events.BidPlaced;
import dev.gavel.events.Outcome;
import dev.gavel.gateway.client.BiddingClient.LiveState;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The frames of the per-auction feed (CONTRACT §6). Every frame is one JSON object with a {@code type}. */
public final class Frames {

    private Frames() {
    }

    public record Name(String displayName) {
    }

    public record Presence(String type, UUID auctionId, int watchers) {
    }

    /**
     * A personal notification: {@code outbid}, {@code auction-won}, {@code auction-sold}, {@code auction-unsold}; the
     * {@code notificationId} is the one in the inbox, {@code title} and {@code body} its text.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Notification(String type, UUID notificationId, UUID auctionId, String title, String body,
            BigDecimal currentPrice, BigDecimal finalPrice, UUID orderId) {

        public static Notification of(NotificationRules.Planned p) {
            return new Notification(p.type(), p.id(), p.auctionId(), p.title(), p.body(), p.currentPrice(),
                    p.finalPrice(), p.orderId());
        }
    }

    /** Sent when a personal feed opens: how many notifications wait unread in the inbox. */
    public record UnreadCount(String type, long count) {
    }

    public record Snapshot(String type, UUID auctionId, String status, BigDecimal currentPrice, BigDecimal minNextBid,
            long bidCount, Name leadingBidder, Instant endsAt, int watchers, long sequence) {

        public static Snapshot of(LiveState s, int watchers) {
            Name leader = s.leadingBidder() == null ? null : new Name(s.leadingBidder().displayName());
            return new Snapshot("snapshot", s.auctionId(), s.status(), s.currentPrice(), s.minNextBid(), s.bidCount(),
                    leader, s.endsAt(), watchers, s.sequence());
        }
    }

    public record BidPlacedFrame(String type, UUID auctionId, UUID bidId, BigDecimal amount, Name bidder,
            boolean automatic, BigDecimal currentPrice, BigDecimal minNextBid, long bidCount, Instant endsAt,
            boolean extended, Instant placedAt, long sequence) {

        public static BidPlacedFrame of(BidPlaced e) {
            return new BidPlacedFrame("bid-placed", e.auctionId(), e.bidId(), e.amount(),
                    new Name(e.bidderDisplayName()), e.automatic(), e.currentPrice(), e.minNextBid(), e.bidCount(),
                    e.endsAt(), e.extended(), e.placedAt(), e.sequence());
        }
    }

    public record AuctionClosedFrame(String type, UUID auctionId, Outcome outcome, BigDecimal finalPrice, Name winner,
            Instant closedAt, long sequence) {

        public static AuctionClosedFrame of(AuctionClosed e) {
            Name winner = e.winnerDisplayName() == null ? null : new Name(e.winnerDisplayName());
            return new AuctionClosedFrame("auction-closed", e.auctionId(), e.outcome(), e.finalPrice(), winner,
                    e.closedAt(), e.sequence());
        }
    }
}
