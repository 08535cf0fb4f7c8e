package dev.gavel.bidding.service;

import dev.gavel.bidding.BidderPosition;
import dev.gavel.events.AuctionType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The positions a bid is priced against are those {@link Contenders#of} defines for its bidder (the first two of the
 * ranking, ties included, and the bidder's own), in the batch's order, on forward and reverse auctions, for a bidder
 * with a position and one without.
 */
class ContendersTest {

    @Test
    void aBidIsPricedAgainstTheContendersOfTheDefinition() {
        SplittableRandom random = new SplittableRandom(11);
        for (AuctionType type : AuctionType.values()) {
            for (int round = 0; round < 1000; round++) {
                // few distinct maxima and orders: ties of both, at the top too
                Map<UUID, BidderPosition> positions = LiveAuctionsTest.random(UUID.randomUUID(), random,
                        random.nextInt(30));
                List<UUID> bidders = new ArrayList<>(positions.keySet());
                UUID bidder = bidders.isEmpty() || random.nextInt(4) == 0 ? UUID.randomUUID()
                        : bidders.get(random.nextInt(bidders.size()));
                assertEquals(Contenders.of(type, positions.values(), Set.of(bidder)),
                        Contenders.pricedAgainst(type, positions.values(), bidder), type + " round " + round);
            }
        }
    }

    @Test
    void withFewerThanThreePositionsEveryOneIsPricedAgainst() {
        Map<UUID, BidderPosition> two = LiveAuctionsTest.random(UUID.randomUUID(), new SplittableRandom(3), 2);
        assertEquals(List.copyOf(two.values()), Contenders.pricedAgainst(AuctionType.FORWARD, two.values(),
                UUID.randomUUID()));
        assertEquals(List.of(), Contenders.pricedAgainst(AuctionType.REVERSE, List.of(), UUID.randomUUID()));
    }
}
