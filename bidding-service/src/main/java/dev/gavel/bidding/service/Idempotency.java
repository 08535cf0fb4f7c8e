package dev.gavel.bidding.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.bidding.api.BidDtos.BidResult;
import dev.gavel.bidding.config.BiddingConfig;
import dev.gavel.bidding.repository.IdempotencyKeyRepository;
import dev.gavel.common.Hashing;
import dev.gavel.common.error.DomainException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code Idempotency-Key} for POST /api/bids and /api/bids/buy-now, kept in PostgreSQL so that a retry reaching another
 * replica gets the same answer. The key is claimed in the request's own transaction: a second request with the same
 * key waits for the first to commit and then replays its answer; a rejected request gives its claim back, so nothing
 * of it stays. Keys are kept for {@code gavel.bidding.idempotency-retention} (48 h; the contract promises at least
 * 24 h) and then deleted by {@link #expire}.
 */
@ApplicationScoped
@Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = DomainException.class)
public class Idempotency {

    /** The status stored with an answer: only accepted bids are stored, and they are answered 201. */
    private static final int CREATED = 201;

    private final IdempotencyKeyRepository keys;
    private final BiddingConfig config;
    private final ObjectMapper mapper;
    private final Clock clock;

    public Idempotency(IdempotencyKeyRepository keys, BiddingConfig config, ObjectMapper mapper, Clock clock) {
        this.keys = keys;
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * Claims the key for this request, or returns the answer given to the first request with it.
     *
     * @throws DomainException when the key was used with a different request (a malformed key never gets here: see
     *         {@link Command})
     */
    public Optional<BidResult> claim(UUID userId, String key, String requestFingerprint) {
        String hash = Hashing.sha256(requestFingerprint);
        if (keys.claim(userId, key, hash)) {
            return Optional.empty();
        }
        IdempotencyKeyRepository.Claim earlier = keys.find(userId, key).orElseThrow();
        if (!hash.equals(earlier.requestHash())) {
            throw DomainException.unprocessable("IDEMPOTENCY_KEY_REUSED",
                    "This Idempotency-Key was used with a different request.");
        }
        return Optional.of(read(earlier.response()));
    }

    /** Stores the answer of the request that claimed the key. */
    public void complete(UUID userId, String key, BidResult result) {
        try {
            keys.complete(userId, key, CREATED, mapper.writeValueAsString(result));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Gives the key back: the request it was claimed for was rejected and keeps nothing. */
    public void release(UUID userId, String key) {
        keys.release(userId, key);
    }

    /**
     * Deletes the keys older than the retention (a chunk per transaction, any replica, any time).
     *
     * @return how many keys were deleted
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public int expire() {
        return keys.deleteCreatedBefore(clock.instant().minus(config.idempotencyRetention()));
    }

    @Scheduled(every = "${gavel.bidding.idempotency-expiry-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    void expireOnSchedule() {
        expire();
    }

    private BidResult read(String json) {
        try {
            return mapper.readValue(json, BidResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored answer cannot be read", e);
        }
    }
}
