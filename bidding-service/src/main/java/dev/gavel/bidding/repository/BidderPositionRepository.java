package dev.gavel.bidding.repository;

import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.BidderPosition;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class BidderPositionRepository implements PanacheRepositoryBase<BidderPosition, BidderPosition.Key> {

    /** A bidder's position together with its auction. */
    public record PositionInAuction(BidderPosition position, AuctionState auction) {
    }

    public List<BidderPosition> ofAuction(UUID auctionId) {
        return list("id.auctionId", auctionId);
    }

    /** The bidders of several auctions in one query (SQL with one array: see {@code AuctionStateRepository#lockAll}). */
    @SuppressWarnings("unchecked")
    public List<BidderPosition> ofAuctions(List<UUID> auctionIds) {
        return getEntityManager()
                .createNativeQuery("SELECT * FROM bidder_position WHERE auction_id = ANY(:ids)", BidderPosition.class)
                .setParameter("ids", auctionIds.toArray(UUID[]::new))
                .getResultList();
    }

    /** A page of the bidder's positions with their auctions, newest maximum first, in one query. */
    public List<PositionInAuction> ofBidderWithAuctions(UUID bidderId, int page, int size) {
        return getEntityManager().createQuery("SELECT p, a FROM BidderPosition p, AuctionState a "
                        + "WHERE a.id = p.id.auctionId AND p.id.bidderId = :bidder ORDER BY p.maxSince DESC, a.id",
                        Object[].class)
                .setParameter("bidder", bidderId)
                .setFirstResult(page * size)
                .setMaxResults(size)
                .getResultStream()
                .map(row -> new PositionInAuction((BidderPosition) row[0], (AuctionState) row[1]))
                .toList();
    }

    public long countOfBidder(UUID bidderId) {
        return count("id.bidderId", bidderId);
    }
}
