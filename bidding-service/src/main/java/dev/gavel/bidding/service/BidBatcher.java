package dev.gavel.bidding.service;

import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.config.BiddingConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Group commit for the bidding engine. Requests for one auction queue up in its lane; one writer at a time drains a
 * lane, deciding up to {@code batchSize} requests in a single transaction ({@link BidEngine#decide}), and completes
 * their answers after the commit. Lanes of different auctions are drained in parallel by at most
 * {@code writerThreads} writers of a managed executor (Quarkus's worker pool). A lane exists only while it has work:
 * it is dropped when it drains empty, and a request for an auction the engine does not know is refused before it
 * gets one. Across replicas the auction's row lock still orders the batches, so correctness never depends on this
 * in-memory queue.
 */
@ApplicationScoped
public class BidBatcher {

    private static final Logger LOG = Logger.getLogger(BidBatcher.class);

    private record Pending(Command command, CompletableFuture<Decision> answer) {
    }

    private static final class Lane {
        final UUID auctionId;
        final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean draining = new AtomicBoolean();

        Lane(UUID auctionId) {
            this.auctionId = auctionId;
        }
    }

    private final Map<UUID, Lane> lanes = new ConcurrentHashMap<>();
    private final BidEngine engine;
    private final KnownAuctions known;
    private final int batchSize;
    private final ManagedExecutor writers;

    public BidBatcher(BidEngine engine, KnownAuctions known, BiddingConfig config) {
        this.engine = engine;
        this.known = known;
        this.batchSize = config.batchSize();
        this.writers = ManagedExecutor.builder()
                .maxAsync(config.writerThreads())
                .propagated(ThreadContext.NONE)
                .cleared(ThreadContext.ALL_REMAINING)
                .build();
    }

    /**
     * Queues the command; the future completes after the transaction that decided it has committed, or at once with
     * the rejection when the auction is unknown.
     */
    public CompletableFuture<Decision> submit(Command command) {
        UUID auctionId = command.auctionId();
        if (known.contains(auctionId)) {
            return enqueue(command);
        }
        return writers.supplyAsync(() -> known.exists(auctionId))
                .thenCompose(exists -> exists ? enqueue(command)
                        : CompletableFuture.completedFuture(Decision.rejected(AuctionState.NOT_FOUND.exception())));
    }

    /** Lanes held now (one per auction with queued or running work). */
    public int lanes() {
        return lanes.size();
    }

    private CompletableFuture<Decision> enqueue(Command command) {
        Pending pending = new Pending(command, new CompletableFuture<>());
        // compute is atomic with the removal in drain: a request never lands in a lane that is being dropped
        Lane lane = lanes.compute(command.auctionId(), (id, existing) -> {
            Lane l = existing == null ? new Lane(id) : existing;
            l.queue.add(pending);
            return l;
        });
        schedule(lane);
        return pending.answer();
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
            Lane kept = lanes.computeIfPresent(lane.auctionId,
                    (id, current) -> current == lane && lane.queue.isEmpty() ? null : current);
            if (kept == lane && !lane.queue.isEmpty()) {
                schedule(lane);
            }
        }
    }

    private void decide(List<Pending> batch) {
        List<Decision> decisions;
        try {
            decisions = engine.decide(batch.stream().map(Pending::command).toList());
        } catch (RuntimeException e) {
            LOG.errorf(e, "a batch of %d bids failed and was rolled back", batch.size());
            batch.forEach(p -> p.answer().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer().complete(decisions.get(i));
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
