package dev.gavel.bidding.service;

import dev.gavel.bidding.BidderPosition;
import dev.gavel.events.AuctionType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which of an auction's positions a batch needs: its own bidders', and every position with fewer than two ahead of it
 * (a better maximum, or the same maximum set earlier: {@link Pricing#rank}), ties included. {@link Pricing} prices a
 * bid from the first two of the ranking and the bidder's own position; a batch changes only its bidders' positions,
 * and a maximum only ever improves, so a position outside this set keeps two positions of the set ahead of it for the
 * whole batch. (The acceptance rule already puts every accepted amount above the runner-up's maximum, so the leader
 * alone would do today; the second place is kept so that pricing stays free to use it.) The engine reads this set with
 * one SQL statement ({@code BidderPositionRepository#contenders}); this class is its definition, for the model tests'
 * store and for checking that statement ({@code ContendersQueryTest}), and prunes the engine's kept state
 * ({@link #leading}, held to {@link #of} by {@code LiveAuctionsTest}).
 */
public final class Contenders {

    private Contenders() {
    }

    public static List<BidderPosition> of(AuctionType type, Collection<BidderPosition> positions, Set<UUID> bidders) {
        return positions.stream()
                .filter(p -> bidders.contains(p.id.bidderId()) || ahead(type, p, positions) < 2)
                .toList();
    }

    /**
     * The positions ranked first or second, ties included: {@link #of} without a batch's bidders, by one sort in
     * {@link Pricing#ranking} instead of counting, for the engine's lease ({@link LiveAuctions}): every position whose
     * rank is not behind the second one's.
     */
    static Map<UUID, BidderPosition> leading(AuctionType type, Map<UUID, BidderPosition> positions) {
        Comparator<BidderPosition> byRank = Pricing.ranking(type, p -> p.maxAmount, p -> p.maxOrder);
        List<BidderPosition> ranked = new ArrayList<>(positions.values());
        ranked.sort(byRank);
        Map<UUID, BidderPosition> leading = new LinkedHashMap<>();
        for (BidderPosition p : ranked) {
            if (ranked.size() > 1 && byRank.compare(p, ranked.get(1)) > 0) {
                break;
            }
            leading.put(p.id.bidderId(), p);
        }
        return leading;
    }

    /**
     * The positions a bid of {@code bidderId} is priced against ({@link Pricing#decide}): {@link #of} with that one
     * bidder, in the order of {@code positions}, given their {@link #leading} ones: those and the bidder's own
     * ({@code own}, null when they have none). The leading positions are kept by the batch across its bids
     * ({@code AuctionBatch#pricedAgainst}), so a bid costs no comparison of maxima: ranking every position of a batch
     * for each of its bids was 7 % of bidding-service's CPU under a hot storm of 100 bidders (gavel-bench SpreadStorm
     * -Dlots=1, JFR, docs/benchmarks.md).
     */
    static List<BidderPosition> pricedAgainst(Collection<BidderPosition> positions, Collection<BidderPosition> leading,
            BidderPosition own) {
        List<BidderPosition> priced = new ArrayList<>(leading.size() + 1);
        for (BidderPosition p : positions) {
            if (p == own || containsSame(leading, p)) {
                priced.add(p);
            }
        }
        return priced;
    }

    private static boolean containsSame(Collection<BidderPosition> positions, BidderPosition position) {
        for (BidderPosition p : positions) {
            if (p == position) {
                return true;
            }
        }
        return false;
    }

    private static long ahead(AuctionType type, BidderPosition position, Collection<BidderPosition> positions) {
        return positions.stream().filter(other -> type.better(other.maxAmount, position.maxAmount)
                || other.maxAmount.compareTo(position.maxAmount) == 0 && other.maxOrder < position.maxOrder).count();
    }
}
