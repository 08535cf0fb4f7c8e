package dev.gavel.bidding.service;

import dev.gavel.bidding.config.BiddingConfig;
import dev.gavel.common.Hashing;
import dev.gavel.common.problem.ProblemException;
import dev.gavel.outbox.Expiry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code Idempotency-Key} for POST /api/bids and /api/bids/buy-now, kept in PostgreSQL so that a retry reaching another
 * replica gets the same answer. The key is claimed in the request's own transaction: a second request with the same
 * key waits for the first to commit and then replays its answer; a rejected request rolls back its claim, so nothing
 * of it stays. Keys are kept for {@code gavel.bidding.idempotency-retention} (48 h; the contract promises at least
 * 24 h) and then deleted by {@link #expire}.
 */
@ApplicationScoped
@Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = ProblemException.class)
public class Idempotency {

    /** A stored answer. */
    public record Stored(int status, String body) {
    }

    private final EntityManager entityManager;
    private final BiddingConfig config;

    public Idempotency(EntityManager entityManager, BiddingConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    /**
     * Deletes the keys older than the retention ({@link Expiry}: a chunk per transaction, any replica, any time).
     *
     * @return how many keys were deleted
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public int expire() {
        return Expiry.deleteOlderThan(entityManager, "idempotency_key", "created_at",
                Instant.now().minus(config.idempotencyRetention()));
    }

    /**
     * Claims the key for this request, or returns the answer given to the first request with it.
     *
     * @throws ProblemException 422 when the key was used with a different body
     */
    public Optional<Stored> claim(UUID userId, String key, String requestFingerprint) {
        if (key.isBlank() || key.length() > 200) {
            throw ProblemException.invalid("Idempotency-Key", "must be 1 to 200 characters");
        }
        String hash = Hashing.sha256(requestFingerprint);
        int claimed = entityManager.createNativeQuery("INSERT INTO idempotency_key (user_id, idem_key, request_hash) "
                        + "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, userId).setParameter(2, key).setParameter(3, hash)
                .executeUpdate();
        if (claimed == 1) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "SELECT request_hash, status, response FROM idempotency_key WHERE user_id = ?1 AND idem_key = ?2")
                .setParameter(1, userId).setParameter(2, key).getResultList();
        Object[] row = rows.get(0);
        if (!hash.equals(row[0])) {
            throw ProblemException.unprocessable("IDEMPOTENCY_KEY_REUSED",
                    "This Idempotency-Key was used with a different request.");
        }
        return Optional.of(new Stored(((Number) row[1]).intValue(), (String) row[2]));
    }

    @Scheduled(every = "${gavel.bidding.idempotency-expiry-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    void expireOnSchedule() {
        expire();
    }

    /** Gives the key back: the request it was claimed for was rejected and keeps nothing. */
    public void release(UUID userId, String key) {
        entityManager.createNativeQuery("DELETE FROM idempotency_key WHERE user_id = ?1 AND idem_key = ?2 AND status IS NULL")
                .setParameter(1, userId).setParameter(2, key)
                .executeUpdate();
    }

    public void complete(UUID userId, String key, int status, String body) {
        entityManager.createNativeQuery("UPDATE idempotency_key SET status = ?3, response = ?4 WHERE user_id = ?1 AND idem_key = ?2")
                .setParameter(1, userId).setParameter(2, key).setParameter(3, status).setParameter(4, body)
                .executeUpdate();
    }

}
