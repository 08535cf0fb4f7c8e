package dev.gavel.bidding.service;

import dev.gavel.bidding.api.BidDtos.PlaceBidRequest;
import dev.gavel.common.security.Caller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bids spread over many auctions share a transaction: a writer takes every ready auction's batch it can fit. A
 * combined transaction that fails commits nothing and answers nobody, so each auction's batch is decided again alone.
 */
class BidBatcherCombiningTest {

    private final ExecutorService writers = Executors.newFixedThreadPool(4);
    private final CountDownLatch release = new CountDownLatch(1);
    /** The auctions of each transaction, in the order they ran. */
    private final Queue<List<UUID>> transactions = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean failNextCombined = new AtomicBoolean();

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        writers.shutdown();
        writers.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Accepts everything; the first transaction waits for {@link #release}, so the others pile up meanwhile. */
    private final BidBatcher.Decider engine = new BidBatcher.Decider() {
        @Override
        public boolean combines() {
            return true;
        }

        @Override
        public List<Decision> decide(List<Command> commands) {
            return decideAll(List.of(commands)).get(0);
        }

        @Override
        public List<List<Decision>> decideAll(List<List<Command>> batches) {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (batches.size() > 1 && failNextCombined.getAndSet(false)) {
                throw new IllegalStateException("deadlock detected");
            }
            transactions.add(batches.stream().map(b -> b.get(0).auctionId()).toList());
            return batches.stream().map(b -> b.stream().map(c -> Decision.accepted(null)).toList()).toList();
        }
    };

    private BidBatcher batcher() {
        BidBatcher.Auctions every = TestBatchers.everyAuction();
        return new BidBatcher(engine, every, TestBiddingConfig.batches(8), writers,
                new BiddingMetrics(new SimpleMeterRegistry()));
    }

    /** One bid on each of {@code auctions} after one held bid per writer, then the writers are let go. */
    private List<CompletableFuture<Decision>> spread(BidBatcher batcher, List<UUID> auctions) {
        List<CompletableFuture<Decision>> answers = new ArrayList<>();
        for (int held = 0; held < 4; held++) {
            answers.add(batcher.submit(command(UUID.randomUUID())));
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> batcher.queued() == 0);
        for (UUID auction : auctions) {
            answers.add(batcher.submit(command(auction)));
        }
        release.countDown();
        return answers;
    }

    @Test
    void bidsOnManyAuctionsShareTransactionsOfAtMostABatch() throws Exception {
        BidBatcher batcher = batcher();
        List<UUID> auctions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            auctions.add(UUID.randomUUID());
        }
        for (CompletableFuture<Decision> answer : spread(batcher, auctions)) {
            assertNull(answer.get(10, TimeUnit.SECONDS).rejection());
        }
        List<List<UUID>> spreadOnes = transactions.stream().filter(t -> auctions.contains(t.get(0))).toList();
        assertTrue(spreadOnes.stream().allMatch(t -> t.size() <= 8), "no transaction holds more than a batch");
        assertTrue(spreadOnes.size() <= 10, "40 auctions' bids took " + spreadOnes.size() + " transactions, not 40");
        Set<UUID> decided = spreadOnes.stream().flatMap(List::stream).collect(Collectors.toSet());
        assertEquals(Set.copyOf(auctions), decided);
        assertEquals(40, spreadOnes.stream().mapToInt(List::size).sum(), "each auction's bid was decided once");
    }

    @Test
    void aCombinedTransactionThatFailsIsDecidedAgainOneAuctionAtATime() throws Exception {
        BidBatcher batcher = batcher();
        failNextCombined.set(true);
        // more auctions than writers: once the writers are let go, some transaction takes several of them
        List<UUID> auctions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            auctions.add(UUID.randomUUID());
        }
        for (CompletableFuture<Decision> answer : spread(batcher, auctions)) {
            assertNull(answer.get(10, TimeUnit.SECONDS).rejection(), "every bid is answered by a committed decision");
        }
        assertTrue(!failNextCombined.get(), "a combined transaction failed");
        List<UUID> decided = transactions.stream().flatMap(List::stream).filter(auctions::contains).toList();
        assertEquals(auctions.size(), decided.size(), "each auction's bid was decided once, after the failure");
        assertEquals(Set.copyOf(auctions), Set.copyOf(decided));
    }

    private static Command command(UUID auction) {
        return Command.bid(new PlaceBidRequest(auction, new BigDecimal("10.00"), null),
                new Caller(UUID.randomUUID(), "Bob", false, true), null);
    }
}
