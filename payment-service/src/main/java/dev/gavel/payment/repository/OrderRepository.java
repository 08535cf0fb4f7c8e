package dev.gavel.payment.repository;

import dev.gavel.payment.Order;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<Order, UUID> {

    /** The order, locked until the transaction ends: its transitions happen one at a time. */
    public Optional<Order> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public List<Order> ofBuyer(UUID buyerId, int page, int size) {
        return find("buyerId", Sort.descending("createdAt").and("id"), buyerId).page(page, size).list();
    }

    public long countOfBuyer(UUID buyerId) {
        return count("buyerId", buyerId);
    }

    public List<Order> ofSeller(UUID sellerId, int page, int size) {
        return find("sellerId", Sort.descending("createdAt").and("id"), sellerId).page(page, size).list();
    }

    public long countOfSeller(UUID sellerId) {
        return count("sellerId", sellerId);
    }

    /** Whether the auction's winner already has their order (second-chance orders do not count). */
    public boolean hasWinnersOrder(UUID auctionId) {
        return count("auctionId = ?1 and secondChance = false", auctionId) > 0;
    }

    public boolean exists(UUID auctionId, UUID buyerId) {
        return count("auctionId = ?1 and buyerId = ?2", auctionId, buyerId) > 0;
    }

    /**
     * Ids of orders in {@code status} whose deadline column is before {@code before}, locked and skipped by any other
     * replica looking at the same time (each order is handled by one of them).
     */
    @SuppressWarnings("unchecked")
    public List<UUID> dueForDeadline(String status, String deadlineColumn, Instant before, int limit) {
        return getEntityManager().createNativeQuery("SELECT id FROM orders WHERE status = ?1 AND " + deadlineColumn
                        + " <= ?2 ORDER BY " + deadlineColumn + " LIMIT ?3 FOR UPDATE SKIP LOCKED", UUID.class)
                .setParameter(1, status).setParameter(2, before).setParameter(3, limit).getResultList();
    }
}
