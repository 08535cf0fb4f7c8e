package dev.gavel.gateway.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Mails waiting to go out, one per notification. Native SQL: the delivery job claims due mails with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas never send the same mail at the same time.
 */
@ApplicationScoped
public class MailJobRepository {

    private final EntityManager em;

    public MailJobRepository(EntityManager em) {
        this.em = em;
    }

    public void add(UUID notificationId, Instant due) {
        em.createNativeQuery("INSERT INTO mail_job (notification_id, next_attempt_at) VALUES (?1, ?2) "
                + "ON CONFLICT (notification_id) DO NOTHING").setParameter(1, notificationId)
                .setParameter(2, utc(due)).executeUpdate();
    }

    /** Queues the mails of several notifications, in one statement. */
    public void add(List<UUID> notificationIds, Instant due) {
        if (notificationIds.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO mail_job (notification_id, "
                    + "next_attempt_at) SELECT id, ? FROM unnest(?) AS m(id) ON CONFLICT (notification_id) DO NOTHING")) {
                insert.setObject(1, utc(due));
                insert.setArray(2, connection.createArrayOf("uuid", notificationIds.toArray()));
                insert.executeUpdate();
            }
        });
    }

    /** Locks up to {@code limit} due, unsent mails (skipping those another replica holds). */
    @SuppressWarnings("unchecked")
    public List<UUID> claimDue(Instant now, int limit) {
        return em.createNativeQuery("SELECT notification_id FROM mail_job WHERE sent_at IS NULL AND next_attempt_at <= ?1 "
                        + "ORDER BY next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED", UUID.class)
                .setParameter(1, utc(now)).setParameter(2, limit).getResultList();
    }

    public int attempts(UUID notificationId) {
        return ((Number) em.createNativeQuery("SELECT attempts FROM mail_job WHERE notification_id = ?1")
                .setParameter(1, notificationId).getSingleResult()).intValue();
    }

    public void sent(UUID notificationId, Instant at) {
        em.createNativeQuery("UPDATE mail_job SET sent_at = ?2, attempts = attempts + 1 WHERE notification_id = ?1")
                .setParameter(1, notificationId).setParameter(2, utc(at)).executeUpdate();
    }

    public void failed(UUID notificationId, Instant retryAt, String error) {
        em.createNativeQuery("UPDATE mail_job SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3 "
                        + "WHERE notification_id = ?1").setParameter(1, notificationId).setParameter(2, utc(retryAt))
                .setParameter(3, error.length() > 500 ? error.substring(0, 500) : error).executeUpdate();
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
