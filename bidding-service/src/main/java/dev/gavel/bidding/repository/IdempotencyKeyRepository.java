package dev.gavel.bidding.repository;

import dev.gavel.common.persistence.Expiry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code idempotency_key} table. Native SQL: a claim is one {@code INSERT ... ON CONFLICT DO NOTHING}, which
 * waits for a concurrent claim of the same key to commit, something JPA cannot say.
 */
@ApplicationScoped
public class IdempotencyKeyRepository {

    /** A claimed key: the hash of the request it was claimed for, and the stored answer once there is one. */
    public record Claim(String requestHash, String response) {
    }

    private final EntityManager entityManager;

    public IdempotencyKeyRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Whether this call claimed the key (false: somebody had claimed it before). */
    public boolean claim(UUID userId, String key, String requestHash) {
        return entityManager.createNativeQuery("INSERT INTO idempotency_key (user_id, idem_key, request_hash) "
                        + "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, userId).setParameter(2, key).setParameter(3, requestHash)
                .executeUpdate() == 1;
    }

    public Optional<Claim> find(UUID userId, String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "SELECT request_hash, response FROM idempotency_key WHERE user_id = ?1 AND idem_key = ?2")
                .setParameter(1, userId).setParameter(2, key).getResultList();
        return rows.stream().findFirst().map(row -> new Claim((String) row[0], (String) row[1]));
    }

    /** Deletes a claim that has no answer yet. */
    public void release(UUID userId, String key) {
        entityManager.createNativeQuery("DELETE FROM idempotency_key WHERE user_id = ?1 AND idem_key = ?2 AND status IS NULL")
                .setParameter(1, userId).setParameter(2, key)
                .executeUpdate();
    }

    public void complete(UUID userId, String key, int status, String response) {
        entityManager.createNativeQuery("UPDATE idempotency_key SET status = ?3, response = ?4 WHERE user_id = ?1 AND idem_key = ?2")
                .setParameter(1, userId).setParameter(2, key).setParameter(3, status).setParameter(4, response)
                .executeUpdate();
    }

    /** Deletes keys created before {@code cutoff}, a chunk per transaction; returns how many. */
    public int deleteCreatedBefore(Instant cutoff) {
        return Expiry.deleteOlderThan(entityManager, "idempotency_key", "created_at", cutoff);
    }
}
