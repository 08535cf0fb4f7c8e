package dev.gavel.bidding.service;

import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.BidderPosition;
import dev.gavel.events.AuctionType;
import dev.gavel.testkit.TestClock;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the engine's lease keeps of an auction with many bidders: its contenders as {@link Contenders} defines them
 * (ties included, forward and reverse), so the kept state still prices every bid; fewer positions are kept as they
 * are.
 */
class LiveAuctionsTest {

    static BidderPosition position(UUID auction, String max, long order) {
        BidderPosition p = new BidderPosition();
        p.id = new BidderPosition.Key(auction, UUID.randomUUID());
        p.maxAmount = new BigDecimal(max);
        p.amount = p.maxAmount;
        p.maxOrder = order;
        return p;
    }

    static Map<UUID, BidderPosition> random(UUID auction, SplittableRandom random, int count) {
        Map<UUID, BidderPosition> positions = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            // few distinct maxima and orders: ties of both, at the top too
            BidderPosition p = position(auction, (10 + random.nextInt(6)) + ".00", random.nextInt(8));
            positions.put(p.id.bidderId(), p);
        }
        return positions;
    }

    @Test
    void theContendersKeptAreThoseOfTheDefinition() {
        SplittableRandom random = new SplittableRandom(7);
        for (AuctionType type : AuctionType.values()) {
            for (int round = 0; round < 500; round++) {
                Map<UUID, BidderPosition> positions = random(UUID.randomUUID(), random, 1 + random.nextInt(40));
                Set<UUID> expected = Contenders.of(type, positions.values(), Set.of()).stream()
                        .map(p -> p.id.bidderId()).collect(Collectors.toSet());
                assertEquals(expected, Contenders.leading(type, positions).keySet(), type + " round " + round);
            }
        }
    }

    @Test
    void anAuctionWithManyBiddersKeepsItsContendersOnly() {
        LiveAuctions live = new LiveAuctions(10_000, Duration.ofSeconds(10), new TestClock());
        AuctionState auction = new AuctionState();
        auction.id = UUID.randomUUID();
        auction.type = AuctionType.FORWARD;
        auction.status = AuctionState.Status.OPEN;
        Map<UUID, BidderPosition> many = new LinkedHashMap<>();
        for (int i = 0; i < LiveAuctions.MAX_POSITIONS_PER_AUCTION + 1; i++) {
            BidderPosition p = position(auction.id, (100 + i) + ".00", i);
            many.put(p.id.bidderId(), p);
        }
        live.keep(auction, null, many);
        Map<UUID, BidderPosition> kept = live.takeAll(List.of(auction.id)).get(auction.id).positions();
        assertEquals(List.of("356.00", "355.00"), kept.values().stream().map(p -> p.maxAmount.toPlainString()).toList(),
                "the first two maxima");

        Map<UUID, BidderPosition> few = new LinkedHashMap<>(kept);
        BidderPosition third = position(auction.id, "1.00", 1);
        few.put(third.id.bidderId(), third);
        live.keep(auction, null, few);
        assertTrue(live.takeAll(List.of(auction.id)).get(auction.id).positions().containsKey(third.id.bidderId()),
                "up to the bound, every position known is kept");
    }

    /**
     * Batch after batch on kept state, each given the kept contenders and its bidders' positions (as the engine does)
     * and raising its bidders' maxima: what is kept is every position, and its contenders are those of the definition
     * over every position, although each batch touched only a few.
     */
    @Test
    void theContendersKeptFollowTheBatchesThatTouchedOnlyAFew() {
        SplittableRandom random = new SplittableRandom(11);
        for (AuctionType type : AuctionType.values()) {
            LiveAuctions live = new LiveAuctions(1_000_000, Duration.ofSeconds(10), new TestClock());
            AuctionState auction = new AuctionState();
            auction.id = UUID.randomUUID();
            auction.type = type;
            auction.status = AuctionState.Status.OPEN;
            Map<UUID, BidderPosition> all = new HashMap<>();
            List<UUID> bidders = new ArrayList<>();
            long order = 0;
            for (int round = 0; round < 400; round++) {
                LiveAuctions.Live previous = round == 0 ? null : live.takeAll(List.of(auction.id)).get(auction.id);
                Map<UUID, BidderPosition> touched = new HashMap<>(previous == null ? Map.of() : previous.leading());
                for (int bid = 1 + random.nextInt(3); bid > 0; bid--) {
                    BidderPosition p;
                    if (bidders.isEmpty() || random.nextInt(4) == 0) { // a new bidder
                        p = position(auction.id, "50.00", ++order);
                        bidders.add(p.id.bidderId());
                        all.put(p.id.bidderId(), p);
                        auction.bidderCount++;
                    } else { // a known one raises (forward) or lowers (reverse) its maximum
                        p = all.get(bidders.get(random.nextInt(bidders.size())));
                        BigDecimal step = new BigDecimal(1 + random.nextInt(3));
                        p.maxAmount = type == AuctionType.REVERSE ? p.maxAmount.subtract(step) : p.maxAmount.add(step);
                        p.maxOrder = ++order;
                    }
                    touched.put(p.id.bidderId(), p);
                }
                live.keep(auction, previous, touched);
                LiveAuctions.Live kept = live.takeAll(List.of(auction.id)).get(auction.id);
                assertEquals(all.keySet(), kept.positions().keySet(), type + " round " + round);
                assertTrue(kept.complete(), "every position is known");
                Set<UUID> expected = Contenders.of(type, all.values(), Set.of()).stream()
                        .map(p -> p.id.bidderId()).collect(Collectors.toSet());
                assertEquals(expected, kept.leading().keySet(), type + " round " + round);
                live.keep(auction, kept, kept.leading()); // as a batch of rejections leaves it
            }
        }
    }
}
