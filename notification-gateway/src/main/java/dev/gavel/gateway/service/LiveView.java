package dev.gavel.gateway.service;

import dev.gavel.events.AuctionClosed;
import dev.gavel.events.BidPlaced;
import dev.gavel.events.Outcome;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The latest state of one auction as its events tell it: the catch-up snapshot of a watcher that fell behind, built
 * without asking the engine. A {@code bid-placed} carries the whole public state but the leader's name when the leader
 * is not the bidder: that name is known only when an earlier event named the same leader; otherwise the view is not
 * {@link #complete()} and the watcher asks the engine instead. Pure: {@code LiveViewTest} is its table.
 */
public record LiveView(String status, BigDecimal currentPrice, BigDecimal minNextBid, long bidCount, UUID leaderId,
        String leaderName, Instant endsAt, long sequence) {

    /** The view after {@code event}; an event not newer than {@code before} changes nothing. */
    public static LiveView after(LiveView before, BidPlaced e) {
        if (before != null && e.sequence() <= before.sequence) {
            return before;
        }
        UUID leader = e.leaderId();
        String name = null;
        if (leader != null && leader.equals(e.bidderId())) {
            name = e.bidderDisplayName();
        } else if (leader != null && before != null && leader.equals(before.leaderId)) {
            name = before.leaderName;
        }
        return new LiveView("ACTIVE", e.currentPrice(), e.minNextBid(), e.bidCount(), leader, name, e.endsAt(),
                e.sequence());
    }

    /** The view after the close; without an earlier view the close alone does not tell the price to show. */
    public static LiveView after(LiveView before, AuctionClosed e) {
        if (before == null || e.sequence() <= before.sequence) {
            return before;
        }
        String status = e.outcome() == Outcome.CANCELLED ? "CANCELLED" : "CLOSED";
        UUID leader = e.winnerId() != null ? e.winnerId() : before.leaderId;
        String name = e.winnerId() != null ? e.winnerDisplayName() : before.leaderName;
        BigDecimal price = e.finalPrice() != null ? e.finalPrice() : before.currentPrice;
        return new LiveView(status, price, before.minNextBid, e.bidCount(), leader, name, before.endsAt,
                e.sequence());
    }

    /** Whether every field of the snapshot is known (the leader's name is the one that may not be). */
    public boolean complete() {
        return leaderId == null || leaderName != null;
    }

    public Frames.Snapshot snapshot(UUID auctionId, int watchers) {
        Frames.Name leader = leaderName == null ? null : new Frames.Name(leaderName);
        return new Frames.Snapshot("snapshot", auctionId, status, currentPrice, minNextBid, bidCount, leader, endsAt,
                watchers, sequence);
    }
}
