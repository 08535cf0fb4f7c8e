package dev.gavel.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Exponential backoff with jitter: attempt n waits a random time between half and all of {@code initial × 2^(n-1)}, capped at
 * {@code max}, so that replicas waiting on the same dependency do not come back in step.
 */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final LongUnaryOperator jitter;

    public Backoff(Duration initial, Duration max) {
        this(initial, max, bound -> ThreadLocalRandom.current().nextLong(bound / 2, bound + 1));
    }

    /** @param jitter picks a wait up to the bound it is given (tests pass a fixed one) */
    Backoff(Duration initial, Duration max, LongUnaryOperator jitter) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max");
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.jitter = jitter;
    }

    /** How long to wait after the given failed attempt (1 for the first). */
    public long delayMillis(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long bound = Math.min(maxMillis, initialMillis << doublings);
        return Math.max(1, jitter.applyAsLong(bound));
    }
}
