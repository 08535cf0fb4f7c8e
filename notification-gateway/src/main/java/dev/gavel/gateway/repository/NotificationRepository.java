package dev.gavel.gateway.repository;

import dev.gavel.gateway.Notification;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, UUID> {

    /** Stores the notification unless it is there already (a redelivered event); whether it was stored. */
    public boolean insertIfAbsent(Notification n) {
        return getEntityManager().createNativeQuery("INSERT INTO notification (id, user_id, type, auction_id, order_id, "
                        + "title, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO NOTHING")
                .setParameter(1, n.id).setParameter(2, n.userId).setParameter(3, n.type).setParameter(4, n.auctionId)
                .setParameter(5, n.orderId).setParameter(6, n.title).setParameter(7, n.body)
                .setParameter(8, OffsetDateTime.ofInstant(n.createdAt, ZoneOffset.UTC))
                .executeUpdate() == 1;
    }

    /** The user's notifications, newest first; only unread ones, only read ones, or all. */
    public PanacheQuery<Notification> of(UUID userId, Boolean unread) {
        Sort newestFirst = Sort.descending("createdAt").and("id", Sort.Direction.Descending);
        if (unread == null) {
            return find("userId", newestFirst, userId);
        }
        return find("userId = ?1 and readAt is " + (unread ? "null" : "not null"), newestFirst, userId);
    }

    public long unread(UUID userId) {
        return count("userId = ?1 and readAt is null", userId);
    }

    public Optional<Notification> ofUser(UUID userId, UUID id) {
        return find("id = ?1 and userId = ?2", id, userId).firstResultOptional();
    }

    public int markAllRead(UUID userId, Instant now) {
        return update("readAt = ?1 where userId = ?2 and readAt is null", now, userId);
    }
}
