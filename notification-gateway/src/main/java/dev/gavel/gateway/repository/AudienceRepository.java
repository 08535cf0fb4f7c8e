package dev.gavel.gateway.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who follows an auction and when it ends, for ending-soon reminders. Native SQL: upserts, and the reminder job's
 * {@code FOR UPDATE SKIP LOCKED} so one replica reminds for an auction at a time.
 */
@ApplicationScoped
public class AudienceRepository {

    /** An open auction whose reminder may be due, with the end each reminder was last sent for. */
    public record Due(UUID auctionId, String title, UUID sellerId, Instant endsAt, Instant remindedHourFor,
            Instant remindedMinutesFor) {
    }

    private final EntityManager em;

    public AudienceRepository(EntityManager em) {
        this.em = em;
    }

    public void watching(UUID auctionId, UUID userId, boolean watching) {
        em.createNativeQuery("INSERT INTO auction_audience (auction_id, user_id, watching) VALUES (?1, ?2, ?3) "
                        + "ON CONFLICT (auction_id, user_id) DO UPDATE SET watching = EXCLUDED.watching")
                .setParameter(1, auctionId).setParameter(2, userId).setParameter(3, watching).executeUpdate();
    }

    /**
     * Several bidders join their auctions' audiences, in one statement (pairs of auction and bidder, no twice). A
     * bidder already in as a bidder is left alone: in a bid storm nearly every pair is, and rewriting (or even locking)
     * its row for each poll was a new row version per bid (docs/benchmarks.md, "PostgreSQL's time per bid").
     */
    public void bidding(Collection<Map.Entry<UUID, UUID>> auctionAndBidder) {
        if (auctionAndBidder.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO auction_audience (auction_id, "
                    + "user_id, bidding) SELECT a, u, TRUE FROM unnest(?, ?) AS p(a, u) WHERE NOT EXISTS (SELECT 1 "
                    + "FROM auction_audience x WHERE x.auction_id = p.a AND x.user_id = p.u AND x.bidding) "
                    + "ON CONFLICT (auction_id, user_id) DO UPDATE SET bidding = TRUE")) {
                upsert.setArray(1, connection.createArrayOf("uuid", auctionAndBidder.stream().map(Map.Entry::getKey)
                        .toArray()));
                upsert.setArray(2, connection.createArrayOf("uuid", auctionAndBidder.stream().map(Map.Entry::getValue)
                        .toArray()));
                upsert.executeUpdate();
            }
        });
    }

    /** The end the catalog published (before any bid). */
    public void published(UUID auctionId, Instant endsAt) {
        em.createNativeQuery("UPDATE auction_info SET ends_at = ?2 WHERE auction_id = ?1 AND ends_sequence = 0")
                .setParameter(1, auctionId).setParameter(2, utc(endsAt)).executeUpdate();
    }

    /** The end after a bid (a soft-close extension moves it): the bid with the highest sequence wins. */
    public void bidEnds(UUID auctionId, Instant endsAt, long sequence) {
        em.createNativeQuery("UPDATE auction_info SET ends_at = ?2, ends_sequence = ?3 WHERE auction_id = ?1 "
                        + "AND ends_sequence < ?3")
                .setParameter(1, auctionId).setParameter(2, utc(endsAt)).setParameter(3, sequence).executeUpdate();
    }

    public void closed(UUID auctionId) {
        em.createNativeQuery("UPDATE auction_info SET closed = TRUE WHERE auction_id = ?1")
                .setParameter(1, auctionId).executeUpdate();
    }

    /** Open auctions ending within {@code horizon} whose reminders are not all sent for their current end. */
    @SuppressWarnings("unchecked")
    public List<Due> due(Instant now, java.time.Duration horizon, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT auction_id, title, seller_id, ends_at, reminded_hour_for, "
                        + "reminded_minutes_for FROM auction_info WHERE NOT closed AND ends_at > ?1 AND ends_at <= ?2 "
                        + "AND (reminded_minutes_for IS NULL OR reminded_minutes_for <> ends_at) "
                        + "ORDER BY ends_at LIMIT ?3 FOR UPDATE SKIP LOCKED")
                .setParameter(1, utc(now)).setParameter(2, utc(now.plus(horizon))).setParameter(3, limit)
                .getResultList();
        return rows.stream().map(r -> new Due((UUID) r[0], (String) r[1], (UUID) r[2], instant(r[3]), instant(r[4]),
                instant(r[5]))).toList();
    }

    public void reminded(UUID auctionId, Instant hourFor, Instant minutesFor) {
        em.createNativeQuery("UPDATE auction_info SET reminded_hour_for = ?2, reminded_minutes_for = ?3 "
                        + "WHERE auction_id = ?1").setParameter(1, auctionId)
                .setParameter(2, hourFor == null ? null : utc(hourFor))
                .setParameter(3, minutesFor == null ? null : utc(minutesFor)).executeUpdate();
    }

    /** Everybody who watches or bid on the auction. */
    @SuppressWarnings("unchecked")
    public List<UUID> audience(UUID auctionId) {
        return em.createNativeQuery("SELECT user_id FROM auction_audience WHERE auction_id = ?1 AND (watching OR bidding)",
                UUID.class).setParameter(1, auctionId).getResultList();
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        return (Instant) value;
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
