package dev.gavel.bidding.rest;

import dev.gavel.bidding.service.Decision;
import dev.gavel.common.error.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A bid whose batch does not decide it in time is answered 503 {@code SERVICE_UNAVAILABLE} with {@code Retry-After}
 * (it may still be decided: its Idempotency-Key tells); a decision in time, or a failure, passes as it is.
 */
class DecisionTimeoutTest {

    static final Duration SHORT = Duration.ofMillis(50);

    @Test
    void noDecisionInTimeIsServiceUnavailableWithRetryAfter() {
        Decision answered = BidResource.within(new CompletableFuture<>(), SHORT).join();

        assertNull(answered.accepted());
        DomainException problem = answered.rejection();
        assertEquals("SERVICE_UNAVAILABLE", problem.code());
        assertEquals(DomainException.Kind.UNAVAILABLE, problem.kind());
        assertEquals(Duration.ofSeconds(1), problem.retryAfter());
    }

    @Test
    void aDecisionInTimeIsTheAnswer() {
        Decision rejected = new Decision(null, DomainException.conflict("BID_TOO_LOW", "too low"));

        assertSame(rejected, BidResource.within(CompletableFuture.completedFuture(rejected), SHORT).join());
    }

    @Test
    void aFailureIsNotTakenForATimeout() {
        CompletableFuture<Decision> failed = CompletableFuture.failedFuture(new IllegalStateException("engine broke"));

        CompletionException thrown = assertThrows(CompletionException.class,
                () -> BidResource.within(failed, SHORT).join());
        assertInstanceOf(IllegalStateException.class, thrown.getCause());
    }
}
