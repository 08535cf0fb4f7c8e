package dev.gavel.bidding.repository;

import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.BidderPosition;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class BidderPositionRepository implements PanacheRepositoryBase<BidderPosition, BidderPosition.Key> {

    /** A bidder's position together with its auction. */
    public record PositionInAuction(BidderPosition position, AuctionState auction) {
    }

    public List<BidderPosition> ofAuction(UUID auctionId) {
        return list("id.auctionId", auctionId);
    }

    /**
     * The contenders of several auctions' batches in one statement ({@code Contenders}, which defines them): in each
     * auction, every position with fewer than two ahead of it (a better maximum, or the same maximum set earlier; ties
     * share a rank), and the positions of that auction's batch's bidders. SQL with arrays: the statement is prepared
     * once whatever the number of auctions (gavel-bench BiddingBenchmark, the spread storm).
     */
    @SuppressWarnings("unchecked")
    public List<BidderPosition> contenders(Map<UUID, Set<UUID>> biddersByAuction) {
        List<UUID> pairAuctions = new ArrayList<>();
        List<UUID> pairBidders = new ArrayList<>();
        biddersByAuction.forEach((auction, bidders) -> bidders.forEach(bidder -> {
            pairAuctions.add(auction);
            pairBidders.add(bidder);
        }));
        return getEntityManager().createNativeQuery("""
                        SELECT * FROM (
                            SELECT p.*, rank() OVER (PARTITION BY p.auction_id ORDER BY
                                       CASE WHEN a.type = 'REVERSE' THEN -p.max_amount ELSE p.max_amount END DESC,
                                       p.max_order) AS standing
                            FROM bidder_position p JOIN auction_state a ON a.id = p.auction_id
                            WHERE p.auction_id = ANY(:auctions)) ranked
                        WHERE standing <= 2
                           OR (auction_id, bidder_id) IN (SELECT * FROM unnest(:pairAuctions, :pairBidders))
                        """, BidderPosition.class)
                .setParameter("auctions", biddersByAuction.keySet().toArray(UUID[]::new))
                .setParameter("pairAuctions", pairAuctions.toArray(UUID[]::new))
                .setParameter("pairBidders", pairBidders.toArray(UUID[]::new))
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
