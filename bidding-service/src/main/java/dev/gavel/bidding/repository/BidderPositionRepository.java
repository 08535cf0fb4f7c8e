package dev.gavel.bidding.repository;

import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.BidderPosition;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;

import java.sql.PreparedStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class BidderPositionRepository implements PanacheRepositoryBase<BidderPosition, BidderPosition.Key> {

    /** Pairs of auction and bidder as two arrays of the same length (SQL {@code unnest}). */
    private record Pairs(UUID[] auctions, UUID[] bidders) {
        static Pairs of(Map<UUID, Set<UUID>> biddersByAuction) {
            List<UUID> auctions = new ArrayList<>();
            List<UUID> bidders = new ArrayList<>();
            biddersByAuction.forEach((auction, ofAuction) -> ofAuction.forEach(bidder -> {
                auctions.add(auction);
                bidders.add(bidder);
            }));
            return new Pairs(auctions.toArray(UUID[]::new), bidders.toArray(UUID[]::new));
        }
    }

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
        Pairs pairs = Pairs.of(biddersByAuction);
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
                .setParameter("pairAuctions", pairs.auctions())
                .setParameter("pairBidders", pairs.bidders())
                .getResultList();
    }

    /**
     * The positions of the pairs of auction and bidder (those that exist), not managed by the session: the engine's
     * lease keeps them across transactions and writes them itself ({@link #writeKept}).
     */
    @SuppressWarnings("unchecked")
    public List<BidderPosition> detached(Map<UUID, Set<UUID>> biddersByAuction) {
        Pairs pairs = Pairs.of(biddersByAuction);
        List<BidderPosition> found = getEntityManager().createNativeQuery("""
                        SELECT * FROM bidder_position
                        WHERE (auction_id, bidder_id) IN (SELECT * FROM unnest(:pairAuctions, :pairBidders))""",
                        BidderPosition.class)
                .setParameter("pairAuctions", pairs.auctions())
                .setParameter("pairBidders", pairs.bidders())
                .getResultList();
        found.forEach(getEntityManager()::detach);
        return found;
    }

    private static final String WRITE_KEPT = """
            UPDATE bidder_position p SET amount = v.amount, max_amount = v.max_amount, max_since = v.max_since,
                max_order = v.max_order, address_hash = v.address_hash, address_seen_at = v.address_seen_at,
                account_created_at = v.account_created_at
            FROM unnest(?::uuid[], ?::uuid[], ?::numeric[], ?::numeric[], ?::timestamptz[], ?::bigint[], ?::text[],
                        ?::timestamptz[], ?::timestamptz[])
                AS v(auction_id, bidder_id, amount, max_amount, max_since, max_order, address_hash, address_seen_at,
                     account_created_at)
            WHERE p.auction_id = v.auction_id AND p.bidder_id = v.bidder_id""";

    /**
     * Writes positions the engine kept in memory with a leased auction (their auctions' rows were written at the
     * version kept first, in the same transaction: {@code AuctionStateRepository#writeKept}). Plain JDBC, one statement
     * for all of them (one array per column): the engine's hot path (gavel-bench BiddingBenchmark). The names a
     * position was created with are not written.
     */
    public void writeKept(List<BidderPosition> positions) {
        if (positions.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(WRITE_KEPT)) {
                int i = 0;
                update.setArray(++i, Jdbc.column(connection, positions, p -> p.id.auctionId()));
                update.setArray(++i, Jdbc.column(connection, positions, p -> p.id.bidderId()));
                update.setArray(++i, Jdbc.column(connection, positions, p -> p.amount));
                update.setArray(++i, Jdbc.column(connection, positions, p -> p.maxAmount));
                update.setArray(++i, Jdbc.column(connection, positions, p -> p.maxSince));
                update.setArray(++i, Jdbc.column(connection, positions, p -> p.maxOrder));
                update.setArray(++i, Jdbc.column(connection, positions, p -> p.addressHash));
                update.setArray(++i, Jdbc.column(connection, positions, p -> p.addressSeenAt));
                update.setArray(++i, Jdbc.column(connection, positions, p -> p.accountCreatedAt));
                update.executeUpdate();
            }
        });
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
