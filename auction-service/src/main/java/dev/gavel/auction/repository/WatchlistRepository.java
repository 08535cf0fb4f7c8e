package dev.gavel.auction.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.UUID;

/**
 * The {@code watchlist_entry} table: who watches which auction since when. Native SQL: an entry is a pair of ids
 * (no entity), and adding one is an {@code INSERT ... ON CONFLICT DO NOTHING}.
 */
@ApplicationScoped
public class WatchlistRepository {

    private final EntityManager entityManager;

    public WatchlistRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A watchlist entry; adding one twice changes nothing. Whether it was new. */
    public boolean watch(UUID userId, UUID auctionId, Instant now) {
        return entityManager.createNativeQuery("""
                INSERT INTO watchlist_entry (user_id, auction_id, added_at) VALUES (:user, :auction, :now)
                ON CONFLICT (user_id, auction_id) DO NOTHING""")
                .setParameter("user", userId).setParameter("auction", auctionId).setParameter("now", now)
                .executeUpdate() == 1;
    }

    /** Whether there was an entry to remove. */
    public boolean unwatch(UUID userId, UUID auctionId) {
        return entityManager.createNativeQuery("DELETE FROM watchlist_entry WHERE user_id = :user AND auction_id = :auction")
                .setParameter("user", userId).setParameter("auction", auctionId).executeUpdate() == 1;
    }

    public long size(UUID userId) {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM watchlist_entry WHERE user_id = :user")
                .setParameter("user", userId).getSingleResult()).longValue();
    }
}
