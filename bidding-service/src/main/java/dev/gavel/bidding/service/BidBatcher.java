package dev.gavel.bidding.service;

import dev.gavel.bidding.config.BiddingConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Group commit for the bidding engine. Requests for one auction queue up in its lane; one writer at a time drains a
 * lane, deciding up to {@code batchSize} requests in a single transaction ({@link BidService#decide}), and completes
 * their answers after the commit. Lanes of different auctions are drained in parallel by the writer threads. Across
 * replicas the auction's row lock still orders the batches, so correctness never depends on this in-memory queue.
 */
@ApplicationScoped
public class BidBatcher {

    private static final Logger LOG = Logger.getLogger(BidBatcher.class);

    private record Pending(BidService.Command command, CompletableFuture<BidService.Answer> answer) {
    }

    private static final class Lane {
        final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean draining = new AtomicBoolean();
    }

    private final Map<UUID, Lane> lanes = new ConcurrentHashMap<>();
    private final BidService engine;
    private final int batchSize;
    private final ExecutorService writers;

    public BidBatcher(BidService engine, BiddingConfig config) {
        this.engine = engine;
        this.batchSize = config.batchSize();
        this.writers = Executors.newFixedThreadPool(config.writerThreads(), r -> {
            Thread t = new Thread(r, "bid-writer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues the command; the future completes after the transaction that decided it has committed. */
    public CompletableFuture<BidService.Answer> submit(BidService.Command command) {
        CompletableFuture<BidService.Answer> answer = new CompletableFuture<>();
        Lane lane = lanes.computeIfAbsent(command.auctionId(), id -> new Lane());
        lane.queue.add(new Pending(command, answer));
        schedule(lane);
        return answer;
    }

    private void schedule(Lane lane) {
        if (lane.draining.compareAndSet(false, true)) {
            writers.execute(() -> drain(lane));
        }
    }

    private void drain(Lane lane) {
        try {
            List<Pending> batch = new ArrayList<>(batchSize);
            Pending next;
            while (batch.size() < batchSize && (next = lane.queue.poll()) != null) {
                batch.add(next);
            }
            if (!batch.isEmpty()) {
                decide(batch);
            }
        } finally {
            lane.draining.set(false);
            if (!lane.queue.isEmpty()) {
                schedule(lane);
            }
        }
    }

    private void decide(List<Pending> batch) {
        List<BidService.Result> results;
        try {
            results = engine.decide(batch.stream().map(Pending::command).toList());
        } catch (RuntimeException e) {
            LOG.errorf(e, "a batch of %d bids failed and was rolled back", batch.size());
            batch.forEach(p -> p.answer().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            BidService.Result result = results.get(i);
            if (result.rejection() != null) {
                batch.get(i).answer().completeExceptionally(result.rejection());
            } else {
                batch.get(i).answer().complete(result.answer());
            }
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        writers.shutdown();
        try {
            writers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
