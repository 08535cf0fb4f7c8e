package dev.gavel.bidding.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnownAuctionsTest {

    final UUID auction = UUID.randomUUID();

    @Test
    void aCrowdsFirstBidsShareOneLookupAndTheAuctionIsThenKnownWithoutAsking() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        KnownAuctions known = new KnownAuctions(id -> {
            lookups.incrementAndGet();
            asked.countDown();
            awaitLatch(answer);
            return true;
        });
        List<Thread> threads = new CopyOnWriteArrayList<>();
        ExecutorService crowd = Executors.newFixedThreadPool(8, task -> {
            Thread thread = new Thread(task);
            threads.add(thread);
            return thread;
        });
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            answers.add(crowd.submit(() -> known.exists(auction)));
            assertTrue(asked.await(10, TimeUnit.SECONDS), "the first bid asks the database");
            for (int i = 0; i < 7; i++) {
                answers.add(crowd.submit(() -> known.exists(auction)));
            }
            // all eight are waiting: the first for the database, the others for its answer (or, if they asked the
            // database themselves, for theirs: then the count below fails)
            await().atMost(Duration.ofSeconds(10)).until(() -> threads.size() == 8 && threads.stream()
                    .allMatch(t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING));
            answer.countDown();
            for (Future<Boolean> a : answers) {
                assertTrue(a.get(10, TimeUnit.SECONDS));
            }
        } finally {
            crowd.shutdownNow();
        }
        assertTrue(known.contains(auction));
        assertTrue(known.exists(auction));
        assertEquals(1, lookups.get(), "one lookup for the whole crowd");
    }

    @Test
    void anAuctionThatDoesNotExistIsAskedAgainAndAFailedLookupIsNotRemembered() {
        AtomicInteger lookups = new AtomicInteger();
        boolean[] fail = {true};
        KnownAuctions known = new KnownAuctions(id -> {
            lookups.incrementAndGet();
            if (fail[0]) {
                throw new IllegalStateException("database down");
            }
            return false;
        });
        assertThrows(IllegalStateException.class, () -> known.exists(auction));
        fail[0] = false;
        assertFalse(known.exists(auction));
        assertFalse(known.exists(auction));
        assertFalse(known.contains(auction));
        assertEquals(3, lookups.get());
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no answer");
            }
        } catch (InterruptedException e) {
            throw new CompletionException(e);
        }
    }
}
