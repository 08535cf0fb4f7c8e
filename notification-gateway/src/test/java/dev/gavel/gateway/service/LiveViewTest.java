package dev.gavel.gateway.service;

import dev.gavel.events.AuctionClosed;
import dev.gavel.events.BidPlaced;
import dev.gavel.events.Outcome;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catch-up snapshot's state, event by event. */
class LiveViewTest {

    static final UUID AUCTION = UUID.randomUUID();
    static final UUID ALICE = UUID.randomUUID();
    static final UUID BOB = UUID.randomUUID();
    static final Instant ENDS = Instant.parse("2030-01-01T00:00:00Z");

    static BidPlaced bid(UUID bidder, String name, String amount, UUID leader, long sequence) {
        BigDecimal price = new BigDecimal(amount);
        return new BidPlaced(UUID.randomUUID(), AUCTION, UUID.randomUUID(), bidder, name, price, false, "EUR", price,
                price.add(BigDecimal.ONE), sequence, leader, null, ENDS, false, Instant.now(), sequence);
    }

    @Test
    void aBidByTheLeaderNamesTheLeader() {
        LiveView view = LiveView.after(null, bid(ALICE, "Alice", "10.00", ALICE, 1));
        assertTrue(view.complete());
        Frames.Snapshot snapshot = view.snapshot(AUCTION, 7);
        assertEquals("snapshot", snapshot.type());
        assertEquals("ACTIVE", snapshot.status());
        assertEquals(new BigDecimal("10.00"), snapshot.currentPrice());
        assertEquals(new BigDecimal("11.00"), snapshot.minNextBid());
        assertEquals(1, snapshot.bidCount());
        assertEquals("Alice", snapshot.leadingBidder().displayName());
        assertEquals(ENDS, snapshot.endsAt());
        assertEquals(7, snapshot.watchers());
        assertEquals(1, snapshot.sequence());
    }

    @Test
    void aBidThatLeavesAKnownLeaderAheadKeepsTheLeadersName() {
        LiveView view = LiveView.after(null, bid(ALICE, "Alice", "10.00", ALICE, 1));
        view = LiveView.after(view, bid(BOB, "Bob", "12.00", ALICE, 2));
        assertTrue(view.complete());
        assertEquals("Alice", view.snapshot(AUCTION, 1).leadingBidder().displayName());
        assertEquals(new BigDecimal("12.00"), view.currentPrice());
    }

    @Test
    void aLeaderNoEventNamedIsUnknownUntilTheyBid() {
        LiveView view = LiveView.after(null, bid(BOB, "Bob", "12.00", ALICE, 5));
        assertFalse(view.complete(), "the engine is asked instead");
        view = LiveView.after(view, bid(ALICE, "Alice", "13.00", ALICE, 6));
        assertTrue(view.complete());
        assertEquals("Alice", view.leaderName());
    }

    @Test
    void anOlderOrRepeatedEventChangesNothing() {
        LiveView view = LiveView.after(null, bid(ALICE, "Alice", "10.00", ALICE, 3));
        assertSame(view, LiveView.after(view, bid(BOB, "Bob", "9.00", BOB, 2)));
        assertSame(view, LiveView.after(view, bid(BOB, "Bob", "9.00", BOB, 3)));
    }

    @Test
    void theCloseEndsTheViewWithTheWinnerAndFinalPrice() {
        LiveView view = LiveView.after(null, bid(ALICE, "Alice", "10.00", ALICE, 1));
        LiveView closed = LiveView.after(view, new AuctionClosed(UUID.randomUUID(), AUCTION, UUID.randomUUID(),
                Outcome.SOLD, ALICE, "Alice", new BigDecimal("10.00"), "EUR", 1, Instant.now(), 2, null));
        assertEquals("CLOSED", closed.status());
        assertEquals("Alice", closed.leaderName());
        assertEquals(2, closed.sequence());
        LiveView cancelled = LiveView.after(view, new AuctionClosed(UUID.randomUUID(), AUCTION, UUID.randomUUID(),
                Outcome.CANCELLED, null, null, null, "EUR", 1, Instant.now(), 2, null));
        assertEquals("CANCELLED", cancelled.status());
        assertEquals(new BigDecimal("10.00"), cancelled.currentPrice());
    }

    @Test
    void aCloseWithoutAnEarlierEventLeavesNoView() {
        assertNull(LiveView.after(null, new AuctionClosed(UUID.randomUUID(), AUCTION, UUID.randomUUID(),
                Outcome.UNSOLD, null, null, null, "EUR", 0, Instant.now(), 1, null)));
    }
}
