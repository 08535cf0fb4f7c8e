package dev.gavel.bidding.service;

import dev.gavel.bidding.api.BidDtos.PlaceBidRequest;
import dev.gavel.common.security.Caller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * An auction's lane is free for its next batch once the engine has handed the batch over (its writes sent), not once
 * it has committed: the next batch is decided by another writer while the first one commits.
 */
class BidBatcherPipelineTest {

    private final ExecutorService writers = Executors.newFixedThreadPool(4);
    /** Holds the first batch in its "commit", after the engine handed it over. */
    private final CountDownLatch commit = new CountDownLatch(1);
    /** The amounts of each batch, in the order they were decided. */
    private final Queue<List<BigDecimal>> decided = new ConcurrentLinkedQueue<>();

    @AfterEach
    void stop() throws InterruptedException {
        commit.countDown();
        writers.shutdown();
        writers.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Accepts everything; the first batch hands over, then waits for {@link #commit}. */
    private final BidBatcher.Decider engine = new BidBatcher.Decider() {
        @Override
        public List<Decision> decide(List<Command> commands) {
            throw new AssertionError("the batcher lets the engine hand a batch over");
        }

        @Override
        public List<Decision> decide(List<Command> commands, Runnable handOver) {
            boolean first = decided.isEmpty();
            decided.add(commands.stream().map(c -> c.bid().amount()).toList());
            if (first) {
                handOver.run();
                try {
                    commit.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return commands.stream().map(c -> Decision.accepted(null)).toList();
        }
    };

    static Command bid(UUID auction, String amount) {
        return Command.bid(new PlaceBidRequest(auction, new BigDecimal(amount), null),
                new Caller(UUID.randomUUID(), "Ann", false, true), null);
    }

    @Test
    void theNextBatchOfAnAuctionIsDecidedWhileTheOneBeforeCommits() throws Exception {
        BidBatcher batcher = new BidBatcher(engine, TestBatchers.everyAuction(), TestBiddingConfig.batches(8), writers,
                new BiddingMetrics(new SimpleMeterRegistry()));
        UUID auction = UUID.randomUUID();
        CompletableFuture<Decision> first = batcher.submit(bid(auction, "10.00"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> decided.size() == 1);

        CompletableFuture<Decision> second = batcher.submit(bid(auction, "11.00"));
        CompletableFuture<Decision> third = batcher.submit(bid(auction, "12.00"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> decided.size() >= 2);
        assertFalse(first.isDone(), "the first batch is still committing");
        assertNull(second.get(5, TimeUnit.SECONDS).rejection());
        assertNull(third.get(5, TimeUnit.SECONDS).rejection());

        commit.countDown();
        assertNull(first.get(5, TimeUnit.SECONDS).rejection());
        assertEquals(new BigDecimal("10.00"), decided.peek().get(0));
        assertEquals(3, decided.stream().mapToInt(List::size).sum(), "each bid decided once");
    }
}
