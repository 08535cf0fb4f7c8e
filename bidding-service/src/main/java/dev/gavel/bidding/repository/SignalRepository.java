package dev.gavel.bidding.repository;

import dev.gavel.bidding.service.ShillRules.PairStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The per bidder–seller figures the shill rules score, aggregated in PostgreSQL over a recent window. */
@ApplicationScoped
public class SignalRepository {

    private final EntityManager em;

    public SignalRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Pairs with at least {@code minBids} bids since {@code since} (a seller's own bids are not counted), of one seller
     * or (null) of all.
     */
    @SuppressWarnings("unchecked")
    public List<PairStats> pairs(Instant since, UUID sellerId, int minBids, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                WITH recent AS (
                    SELECT b.bidder_id, b.auction_id, b.placed_at, a.seller_id, a.status, a.outcome, a.leader_id,
                           (p.address_hash IS NOT NULL AND p.address_hash = a.seller_address_hash) AS same_address,
                           p.account_created_at
                    FROM bid b JOIN auction_state a ON a.id = b.auction_id
                    LEFT JOIN bidder_position p ON p.auction_id = b.auction_id AND p.bidder_id = b.bidder_id
                    WHERE b.placed_at >= :since AND b.bidder_id <> a.seller_id
                ), totals AS (
                    SELECT bidder_id, count(*) AS bids, min(placed_at) AS first_bid FROM recent GROUP BY bidder_id
                )
                SELECT r.bidder_id, r.seller_id, count(*), t.bids,
                       count(DISTINCT r.auction_id) FILTER (WHERE r.status = 'CLOSED' AND r.outcome = 'SOLD'),
                       count(DISTINCT r.auction_id) FILTER (WHERE r.status = 'CLOSED' AND r.outcome = 'SOLD'
                                                          AND r.leader_id = r.bidder_id),
                       t.first_bid, min(r.placed_at),
                       count(DISTINCT r.auction_id) FILTER (WHERE r.same_address),
                       max(r.account_created_at)
                FROM recent r JOIN totals t ON t.bidder_id = r.bidder_id
                WHERE CAST(:seller AS uuid) IS NULL OR r.seller_id = CAST(:seller AS uuid)
                GROUP BY r.bidder_id, r.seller_id, t.bids, t.first_bid
                HAVING count(*) >= :minBids
                ORDER BY count(*) DESC
                LIMIT :limit""")
                .setParameter("since", OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC))
                .setParameter("seller", sellerId == null ? null : sellerId.toString())
                .setParameter("minBids", minBids)
                .setParameter("limit", limit)
                .getResultList();
        return rows.stream().map(r -> new PairStats((UUID) r[0], (UUID) r[1], ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(), ((Number) r[4]).longValue(), ((Number) r[5]).longValue(),
                instant(r[6]), instant(r[7]), ((Number) r[8]).longValue(), instant(r[9]))).toList();
    }

    /**
     * Removes the hashed client addresses seen before {@code before}: the bidders' (last seen then) and the sellers'
     * (terms published then); how many rows changed.
     */
    public int forgetAddressesBefore(Instant before) {
        OffsetDateTime at = OffsetDateTime.ofInstant(before, java.time.ZoneOffset.UTC);
        // a write of an auction's positions moves the auction's version: the engine's lease (LiveAuctions) kept them
        Number positions = (Number) em.createNativeQuery("""
                        WITH forgotten AS (
                            UPDATE bidder_position SET address_hash = NULL, address_seen_at = NULL
                            WHERE address_seen_at < :before RETURNING auction_id),
                        fenced AS (
                            UPDATE auction_state SET version = version + 1
                            WHERE id IN (SELECT auction_id FROM forgotten))
                        SELECT count(*) FROM forgotten""")
                .setParameter("before", at).getSingleResult();
        return positions.intValue() + em.createNativeQuery("UPDATE auction_state SET seller_address_hash = NULL, "
                        + "version = version + 1 WHERE seller_address_hash IS NOT NULL AND terms_published_at < :before")
                .setParameter("before", at).executeUpdate();
    }

    /** The auctions of the seller the bidder bid on since {@code since}, the one they bid on last first. */
    @SuppressWarnings("unchecked")
    public List<UUID> auctions(UUID bidderId, UUID sellerId, Instant since) {
        return em.createNativeQuery("""
                SELECT b.auction_id FROM bid b JOIN auction_state a ON a.id = b.auction_id
                WHERE b.bidder_id = :bidder AND a.seller_id = :seller AND b.placed_at >= :since
                GROUP BY b.auction_id ORDER BY max(b.placed_at) DESC, b.auction_id""")
                .setParameter("bidder", bidderId).setParameter("seller", sellerId)
                .setParameter("since", OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC))
                .getResultList();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return null;
    }
}
