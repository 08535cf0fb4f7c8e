package dev.gavel.bidding.service;

import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.BidderPosition;
import dev.gavel.events.AuctionType;
import dev.gavel.testkit.TestClock;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
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
        live.keep(auction, many);
        Map<UUID, BidderPosition> kept = live.takeAll(List.of(auction.id)).get(auction.id).positions();
        assertEquals(List.of("356.00", "355.00"), kept.values().stream().map(p -> p.maxAmount.toPlainString()).toList(),
                "the first two maxima");

        Map<UUID, BidderPosition> few = new LinkedHashMap<>(kept);
        BidderPosition third = position(auction.id, "1.00", 1);
        few.put(third.id.bidderId(), third);
        live.keep(auction, few);
        assertTrue(live.takeAll(List.of(auction.id)).get(auction.id).positions().containsKey(third.id.bidderId()),
                "up to the bound, every position known is kept");
    }
}
