package dev.gavel.bidding.service;

import dev.gavel.bidding.api.BidDtos.PlaceBidRequest;
import dev.gavel.common.error.DomainException;
import dev.gavel.common.security.Caller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's queues are bounded: while the writers are busy, requests beyond the bound per auction or in total
 * are answered {@code BIDDING_BUSY} at once (503, {@code Retry-After}), and no more than the bound ever waits.
 */
class BidBatcherBoundsTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService writers = Executors.newFixedThreadPool(4);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        writers.shutdown();
        writers.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** A writer that decides every command as accepted, once released: until then the first batch holds it. */
    private BidBatcher batcher(int perAuction, int total) {
        BidBatcher.Decider slowEngine = commands -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return commands.stream().map(c -> Decision.accepted(null)).toList();
        };
        BidBatcher.Auctions everyAuction = TestBatchers.everyAuction();
        return new BidBatcher(slowEngine, everyAuction, TestBiddingConfig.queues(perAuction, total), writers, new BiddingMetrics(registry));
    }

    @Test
    void aFloodOnOneAuctionBeyondItsBoundIsBusyAtOnce() throws Exception {
        BidBatcher batcher = batcher(5, 100);
        UUID auction = UUID.randomUUID();
        List<CompletableFuture<Decision>> answers = new ArrayList<>();
        answers.add(batcher.submit(command(auction)));
        // the first request is taken by the writer, which now waits: what comes next queues, up to the bound
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> batcher.queued() == 0);
        for (int i = 0; i < 200; i++) {
            answers.add(batcher.submit(command(auction)));
        }
        List<CompletableFuture<Decision>> busy = answers.stream().filter(CompletableFuture::isDone).toList();
        assertEquals(195, busy.size(), "all but the one in the writer and the five queued are refused at once");
        for (CompletableFuture<Decision> answer : busy) {
            DomainException rejection = answer.get().rejection();
            assertEquals("BIDDING_BUSY", rejection.code());
            assertEquals(DomainException.Kind.UNAVAILABLE, rejection.kind());
            assertEquals(Duration.ofSeconds(1), rejection.retryAfter());
        }
        assertEquals(5, batcher.queued());
        assertEquals(5, batcher.peakQueued(), "memory stays bounded: never more than the bound waited");
        assertEquals(195, batcher.shed());
        assertEquals(195.0, registry.get("gavel.bids.rejected").tag("code", "BIDDING_BUSY").counter().count(),
                "the shed requests are counted for the dashboard");

        release.countDown();
        for (CompletableFuture<Decision> answer : answers) {
            if (!busy.contains(answer)) {
                assertNull(answer.get(10, TimeUnit.SECONDS).rejection(), "what was queued is decided");
            }
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> batcher.lanes() == 0);
        assertEquals(0, batcher.queued());
        // and the engine takes bids again
        assertNull(batcher.submit(command(auction)).get(10, TimeUnit.SECONDS).rejection());
    }

    @Test
    void theTotalBoundHoldsAcrossAuctions() throws Exception {
        BidBatcher batcher = batcher(100, 6);
        List<CompletableFuture<Decision>> answers = new ArrayList<>();
        // four auctions, each with its first request held by one of the four writers
        List<UUID> auctions = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        for (UUID auction : auctions) {
            answers.add(batcher.submit(command(auction)));
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> batcher.queued() == 0);
        for (int i = 0; i < 40; i++) {
            answers.add(batcher.submit(command(auctions.get(i % auctions.size()))));
        }
        long refused = answers.stream().filter(CompletableFuture::isDone)
                .filter(a -> "BIDDING_BUSY".equals(a.join().rejection().code())).count();
        assertEquals(34, refused);
        assertTrue(batcher.peakQueued() <= 6);
        release.countDown();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> batcher.lanes() == 0);
    }

    private static Command command(UUID auction) {
        return Command.bid(new PlaceBidRequest(auction, new BigDecimal("10.00"), null),
                new Caller(UUID.randomUUID(), "Bob", false, true), null);
    }
}
