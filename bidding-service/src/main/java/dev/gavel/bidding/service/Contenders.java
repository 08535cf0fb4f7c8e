package dev.gavel.bidding.service;

import dev.gavel.bidding.BidderPosition;
import dev.gavel.events.AuctionType;

import java.util.Collection;
import java.util.List;
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
 * store and for checking that statement ({@code ContendersQueryTest}).
 */
public final class Contenders {

    private Contenders() {
    }

    public static List<BidderPosition> of(AuctionType type, Collection<BidderPosition> positions, Set<UUID> bidders) {
        return positions.stream()
                .filter(p -> bidders.contains(p.id.bidderId()) || ahead(type, p, positions) < 2)
                .toList();
    }

    private static long ahead(AuctionType type, BidderPosition position, Collection<BidderPosition> positions) {
        return positions.stream().filter(other -> type.better(other.maxAmount, position.maxAmount)
                || other.maxAmount.compareTo(position.maxAmount) == 0 && other.maxOrder < position.maxOrder).count();
    }
}
