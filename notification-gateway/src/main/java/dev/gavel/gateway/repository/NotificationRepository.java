package dev.gavel.gateway.repository;

import dev.gavel.gateway.Notification;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, UUID> {

    /**
     * Stores the notifications that are not there yet (a redelivered event finds its own), in one statement: one per
     * notification was a round trip per outbid in a bid storm ({@code gavel-bench/run bidding}, every service up).
     *
     * @return the ids stored now
     */
    public Set<UUID> insertIfAbsent(List<Notification> list, Instant createdAt) {
        if (list.isEmpty()) {
            return new HashSet<>();
        }
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notification (id, user_id, type, "
                    + "auction_id, order_id, title, body, created_at) SELECT id, user_id, type, auction_id, order_id, "
                    + "title, body, ? FROM unnest(?, ?, ?, ?, ?, ?, ?) AS n(id, user_id, type, auction_id, order_id, "
                    + "title, body) ON CONFLICT (id) DO NOTHING RETURNING id")) {
                insert.setObject(1, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
                insert.setArray(2, connection.createArrayOf("uuid", list.stream().map(n -> n.id).toArray()));
                insert.setArray(3, connection.createArrayOf("uuid", list.stream().map(n -> n.userId).toArray()));
                insert.setArray(4, connection.createArrayOf("varchar", list.stream().map(n -> n.type).toArray()));
                insert.setArray(5, connection.createArrayOf("uuid", list.stream().map(n -> n.auctionId).toArray()));
                insert.setArray(6, connection.createArrayOf("uuid", list.stream().map(n -> n.orderId).toArray()));
                insert.setArray(7, connection.createArrayOf("varchar", list.stream().map(n -> n.title).toArray()));
                insert.setArray(8, connection.createArrayOf("varchar", list.stream().map(n -> n.body).toArray()));
                Set<UUID> stored = new HashSet<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        stored.add(rows.getObject(1, UUID.class));
                    }
                }
                return stored;
            }
        });
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
