package dev.gavel.bidding;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a step of a {@code Uni} carries to the thread it runs on (gavel-common's {@code mp.context.ThreadContext.*}):
 * the CDI request context, which the lazy authentication of every request needs, and not the JTA transaction, whose
 * capture and restore at every step cost the bid's path CPU (docs/benchmarks.md, "the transaction's context
 * propagation"). A step on another thread runs outside the caller's transaction, as it would have without Mutiny.
 */
@BiddingTest
class ContextPropagationTest {

    private static final ExecutorService OTHER_THREAD = Executors.newSingleThreadExecutor();

    @Inject
    TransactionManager transactions;

    @AfterAll
    static void stop() {
        OTHER_THREAD.shutdownNow();
    }

    @Test
    void aStepOnAnotherThreadHasTheRequestContextButNotTheTransaction() {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            Object state = request.getState();
            QuarkusTransaction.requiringNew().run(() -> {
                Transaction callers = current();
                assertNotNull(callers);
                Seen seen = Uni.createFrom().item(1).emitOn(OTHER_THREAD)
                        .map(ignored -> new Seen(Thread.currentThread(), request.isActive()
                                ? request.getState() : null, current()))
                        .await().atMost(Duration.ofSeconds(10));
                assertFalse(seen.thread() == Thread.currentThread(), "the step ran on the other thread");
                assertSame(state, seen.requestState(), "the request context is propagated");
                assertNull(seen.transaction(), "the caller's transaction is not");
                assertSame(callers, current(), "and the caller's thread keeps it");
            });
            assertTrue(request.isActive());
        } finally {
            request.terminate();
        }
    }

    private Transaction current() {
        try {
            return transactions.getTransaction();
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Seen(Thread thread, Object requestState, Transaction transaction) {
    }
}
