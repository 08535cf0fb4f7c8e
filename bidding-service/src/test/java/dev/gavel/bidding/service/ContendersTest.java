package dev.gavel.bidding.service;

import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.BidderPosition;
import dev.gavel.common.security.Caller;
import dev.gavel.events.AuctionType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
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
 * with a position and one without; and they stay so across a batch's bids.
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
                assertEquals(Contenders.of(type, positions.values(), Set.of(bidder)), pricedAgainst(type, positions, bidder),
                        type + " round " + round);
            }
        }
    }

    @Test
    void withFewerThanThreePositionsEveryOneIsPricedAgainst() {
        Map<UUID, BidderPosition> two = LiveAuctionsTest.random(UUID.randomUUID(), new SplittableRandom(3), 2);
        assertEquals(List.copyOf(two.values()), pricedAgainst(AuctionType.FORWARD, two, UUID.randomUUID()));
        assertEquals(List.of(), pricedAgainst(AuctionType.REVERSE, Map.of(), UUID.randomUUID()));
    }

    /**
     * A batch ranks its positions once and then keeps its leading ones as its bids change them: after every bid, what
     * the next bid is priced against is still the definition's, through raised maxima, new bidders, ties, and a rank
     * that falls (which the rules never do; the batch then ranks everything again).
     */
    @Test
    void aBatchKeepsWhatItsBidsArePricedAgainstAsTheyChangePositions() {
        SplittableRandom random = new SplittableRandom(13);
        for (AuctionType type : AuctionType.values()) {
            for (int round = 0; round < 300; round++) {
                UUID auctionId = UUID.randomUUID();
                AuctionState auction = new AuctionState();
                auction.id = auctionId;
                auction.type = type;
                Map<UUID, BidderPosition> given = LiveAuctionsTest.random(auctionId, random, random.nextInt(30));
                AuctionBatch batch = new AuctionBatch(auction, null, Set.of(), List.copyOf(given.values()));
                long order = 8; // after every order of the random positions
                for (int bid = 0; bid < 25; bid++) {
                    List<BidderPosition> known = List.copyOf(batch.positions().values());
                    BidderPosition changed = known.isEmpty() || random.nextInt(5) == 0
                            ? batch.newPosition(new Caller(UUID.randomUUID(), "someone", false, true))
                            : known.get(random.nextInt(known.size()));
                    BigDecimal from = changed.maxAmount == null ? new BigDecimal("12.00") : changed.maxAmount;
                    int step = random.nextInt(10) == 0 ? -1 : random.nextInt(3); // -1: a rank that falls
                    BigDecimal max = type == AuctionType.REVERSE ? from.subtract(BigDecimal.valueOf(step))
                            : from.add(BigDecimal.valueOf(step));
                    long maxOrder = step == 0 && changed.maxAmount != null ? changed.maxOrder : ++order;
                    boolean worse = batch.ranksWorse(changed, max, maxOrder);
                    assertEquals(step < 0 && changed.maxAmount != null, worse, "a fall is seen as one, and nothing else is");
                    changed.maxAmount = max;
                    changed.maxOrder = maxOrder;
                    batch.ranked(List.of(changed), worse);

                    UUID bidder = random.nextInt(4) == 0 ? UUID.randomUUID()
                            : known.isEmpty() ? changed.id.bidderId() : known.get(random.nextInt(known.size())).id.bidderId();
                    assertEquals(Contenders.of(type, batch.positions().values(), Set.of(bidder)),
                            batch.pricedAgainst(bidder), type + " round " + round + " bid " + bid);
                }
            }
        }
    }

    private static List<BidderPosition> pricedAgainst(AuctionType type, Map<UUID, BidderPosition> positions,
            UUID bidder) {
        return Contenders.pricedAgainst(positions.values(), Contenders.leading(type, positions).values(),
                positions.get(bidder));
    }
}
