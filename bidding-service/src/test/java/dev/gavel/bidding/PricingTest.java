package dev.gavel.bidding;

import dev.gavel.bidding.service.Pricing;
import dev.gavel.bidding.service.Pricing.Outcome;
import dev.gavel.bidding.service.Pricing.PlacedBid;
import dev.gavel.bidding.service.Pricing.Position;
import dev.gavel.bidding.service.Pricing.Terms;
import dev.gavel.events.AuctionType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CONTRACT §4's pricing, case by case, without a database. */
class PricingTest {

    static final UUID ANN = UUID.randomUUID();
    static final UUID BOB = UUID.randomUUID();
    static final UUID CAT = UUID.randomUUID();

    /** A tiny auction: feeds bids through {@link Pricing#decide} and keeps the state between them. */
    static final class Auction {
        final Terms terms;
        List<Position> positions = new ArrayList<>();
        BigDecimal price;
        UUID leader;
        long order;

        Auction(AuctionType type, String start, String reserve, String increment) {
            terms = new Terms(type, new BigDecimal(start), reserve == null ? null : new BigDecimal(reserve),
                    increment == null ? null : new BigDecimal(increment));
            price = terms.startingPrice();
        }

        BigDecimal minNextBid() {
            return Pricing.minNextBid(terms, price, leader != null);
        }

        Outcome bid(UUID bidder, String amount, String max) {
            order++;
            Outcome outcome = Pricing.decide(terms, positions, price, leader, bidder, new BigDecimal(amount),
                    max == null ? null : new BigDecimal(max), order);
            positions = outcome.positions();
            price = outcome.price();
            leader = outcome.leaderId();
            return outcome;
        }
    }

    static void price(String expected, Auction auction) {
        assertEquals(0, new BigDecimal(expected).compareTo(auction.price), "price " + auction.price);
    }

    @Test
    void aLoneProxyLeadsAtTheStartingPrice() {
        Auction a = new Auction(AuctionType.FORWARD, "10.00", null, null);
        Outcome o = a.bid(ANN, "10.00", "50.00");
        assertTrue(o.newBidLeads());
        assertEquals(1, o.bids().size());
        price("10.00", a);
        assertEquals(0, new BigDecimal("10.50").compareTo(a.minNextBid()), "increment table at 10: 0.50");
    }

    @Test
    void aBidBelowAProxyIsOutbidByAnAutomaticCounterBid() {
        Auction a = new Auction(AuctionType.FORWARD, "10.00", null, null);
        a.bid(ANN, "10.00", "50.00");
        Outcome o = a.bid(BOB, "20.00", null);
        assertFalse(o.newBidLeads());
        assertEquals(2, o.bids().size());
        PlacedBid bobs = o.bids().get(0);
        PlacedBid counter = o.bids().get(1);
        assertEquals(BOB, bobs.bidderId());
        assertFalse(bobs.automatic());
        assertEquals(ANN, counter.bidderId());
        assertTrue(counter.automatic());
        assertEquals(0, new BigDecimal("20.50").compareTo(counter.amount()), "second-highest max + increment");
        price("20.50", a);
        assertEquals(ANN, a.leader);
    }

    @Test
    void aHigherMaxTakesTheLeadAtTheOldMaxPlusIncrement() {
        Auction a = new Auction(AuctionType.FORWARD, "10.00", null, null);
        a.bid(ANN, "10.00", "50.00");
        Outcome o = a.bid(BOB, "30.00", "60.00");
        assertTrue(o.newBidLeads());
        assertEquals(1, o.bids().size());
        price("51.00", a); // 50 + increment 1 (table, 25 to 100)
        assertEquals(BOB, a.leader);
    }

    @Test
    void anExplicitAmountAboveTheOldMaxSetsThePrice() {
        Auction a = new Auction(AuctionType.FORWARD, "10.00", null, null);
        a.bid(ANN, "10.00", "50.00");
        a.bid(BOB, "60.00", null);
        price("60.00", a); // max(a_L, min(m_L, m_R + inc)) = max(60, min(60, 51))
        assertEquals(BOB, a.leader);
    }

    @Test
    void onEqualMaximaTheEarlierBidderLeads() {
        Auction a = new Auction(AuctionType.FORWARD, "10.00", null, null);
        a.bid(ANN, "10.00", "50.00");
        Outcome o = a.bid(BOB, "50.00", null);
        assertFalse(o.newBidLeads());
        assertEquals(ANN, a.leader);
        price("50.00", a);
        assertTrue(o.bids().get(1).automatic());
    }

    @Test
    void theLeaderRaisesTheirOwnMaxWithoutMovingThePrice() {
        Auction a = new Auction(AuctionType.FORWARD, "10.00", null, null);
        a.bid(ANN, "10.00", "50.00");
        a.bid(BOB, "20.00", null); // ANN at 20.50
        Outcome o = a.bid(ANN, "25.00", "100.00");
        assertTrue(o.newBidLeads());
        price("20.50", a);
        assertEquals(0, new BigDecimal("20.50").compareTo(o.bids().get(0).amount()),
                "the raise is recorded at the price it leaves, not at its own 25.00 nor below the price");
        a.bid(CAT, "80.00", null); // beaten by ANN's new max
        assertEquals(ANN, a.leader);
        price("81.00", a);
    }

    @Test
    void aPlainBidOfTheLeaderRaisesThePriceLikeInAClassicAuction() {
        Auction a = new Auction(AuctionType.FORWARD, "100.00", null, "5.00");
        a.bid(ANN, "100.00", null);
        Outcome o = a.bid(ANN, "120.00", null);
        assertTrue(o.newBidLeads());
        price("120.00", a);
        assertEquals(0, new BigDecimal("125.00").compareTo(a.minNextBid()));
        a.bid(ANN, "125.00", null);
        price("125.00", a);
        assertEquals(ANN, a.leader);
    }

    @Test
    void thePriceJumpsToTheReserveWhenTheLeadersMaxReachesIt() {
        Auction a = new Auction(AuctionType.FORWARD, "10.00", "40.00", "1.00");
        a.bid(ANN, "10.00", "30.00");
        price("10.00", a); // max below the reserve: no jump
        a.bid(ANN, "10.00", "45.00"); // the leader raises past the reserve
        price("40.00", a);
        a.bid(BOB, "41.00", null);
        assertEquals(ANN, a.leader);
        price("42.00", a); // 41 + 1
    }

    @Test
    void plainBidsBehaveLikeAClassicAscendingAuction() {
        Auction a = new Auction(AuctionType.FORWARD, "100.00", null, "5.00");
        a.bid(ANN, "100.00", null);
        price("100.00", a);
        a.bid(BOB, "105.00", null);
        price("105.00", a);
        a.bid(ANN, "130.00", null);
        price("130.00", a);
        assertEquals(ANN, a.leader);
        assertEquals(0, new BigDecimal("135.00").compareTo(a.minNextBid()));
    }

    @Test
    void reverseAuctionsMirrorTheRules() {
        Auction a = new Auction(AuctionType.REVERSE, "1000.00", null, "10.00");
        assertEquals(0, new BigDecimal("1000.00").compareTo(a.minNextBid()), "the highest acceptable amount");
        a.bid(ANN, "900.00", "700.00"); // ANN would go down to 700
        price("900.00", a);
        Outcome o = a.bid(BOB, "850.00", null);
        assertFalse(o.newBidLeads());
        assertEquals(ANN, a.leader);
        price("840.00", a); // 850 - 10
        assertEquals(0, new BigDecimal("830.00").compareTo(a.minNextBid()));
        a.bid(BOB, "690.00", null);
        assertEquals(BOB, a.leader);
        price("690.00", a);
    }

    /** The engine's check that a written position never ranks worse than before: the ranking's order, strictly. */
    @ParameterizedTest(name = "{0}: {1} at {2} before {3} at {4}: {5}")
    @CsvSource({
            "FORWARD, 120.00, 5, 110.00, 1, true",    // the better maximum, whenever it was set
            "FORWARD, 110.00, 1, 120.00, 5, false",
            "FORWARD, 120.00, 3, 120.00, 4, true",    // equal maxima: the earlier
            "FORWARD, 120.00, 4, 120.00, 3, false",
            "FORWARD, 120.0, 4, 120.00, 4, false",    // the same rank is not before itself, whatever the scale
            "REVERSE, 700.00, 9, 800.00, 1, true",    // reverse: the lower maximum is the better one
            "REVERSE, 800.00, 1, 700.00, 9, false",
            "REVERSE, 700.00, 2, 700.00, 3, true",
    })
    void ranksBeforeFollowsTheRanking(AuctionType type, BigDecimal max, long order, BigDecimal otherMax,
            long otherOrder, boolean before) {
        assertEquals(before, Pricing.ranksBefore(type, max, order, otherMax, otherOrder));
    }
}
