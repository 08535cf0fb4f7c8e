package dev.gavel.bidding.service;

import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.config.BiddingConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.logging.Logger;

import dev.gavel.common.error.DomainException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Group commit for the bidding engine. Requests for one auction queue up in its lane; one writer at a time drains a
 * lane, deciding up to {@code batchSize} requests in a single transaction ({@link BidEngine#decide}), and completes
 * their answers after the commit. Lanes of different auctions are drained in parallel by at most
 * {@code writerThreads} writers of a managed executor (Quarkus's worker pool). A lane exists only while it has work:
 * it is dropped when it drains empty, and a request for an auction the engine does not know is refused before it
 * gets one. Across replicas the auction's row lock still orders the batches, so correctness never depends on this
 * in-memory queue.
 * <p>
 * The queues are bounded, per auction and in total ({@code maxQueuedPerAuction}, {@code maxQueued}): beyond that a
 * request is answered at once with 503 {@code BIDDING_BUSY} and {@code Retry-After} instead of growing memory and
 * waiting times without limit.
 */
@Startup // its meters exist from the start: dashboards and alerts see a zero, not nothing
@ApplicationScoped
public class BidBatcher {

    private static final Logger LOG = Logger.getLogger(BidBatcher.class);

    private record Pending(Command command, CompletableFuture<Decision> answer) {
    }

    private static final class Lane {
        final UUID auctionId;
        final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean draining = new AtomicBoolean();
        final AtomicInteger queued = new AtomicInteger();

        Lane(UUID auctionId) {
            this.auctionId = auctionId;
        }
    }

    /** What decides a batch in one transaction ({@link BidEngine#decide}). */
    interface Decider {
        List<Decision> decide(List<Command> commands);
    }

    /** Which auctions exist: known without a lookup, and looked up (blocking). */
    interface Auctions {
        boolean contains(UUID auctionId);

        boolean exists(UUID auctionId);
    }

    private final Map<UUID, Lane> lanes = new ConcurrentHashMap<>();
    private final Decider engine;
    private final Auctions known;
    private final int batchSize;
    private final int maxQueuedPerAuction;
    private final int maxQueued;
    private final Duration busyRetryAfter;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger peakQueued = new AtomicInteger();
    private final ExecutorService writers;
    private final LongAdder shed = new LongAdder();
    private final BiddingMetrics metrics;

    @Inject
    public BidBatcher(BidEngine engine, KnownAuctions known, BiddingConfig config, BiddingMetrics metrics,
            MeterRegistry registry) {
        this(engine::decide, known, config, ManagedExecutor.builder()
                .maxAsync(config.writerThreads())
                .propagated(ThreadContext.NONE)
                .cleared(ThreadContext.ALL_REMAINING)
                .build(), metrics);
        Gauge.builder("gavel.bidding.queued", this, BidBatcher::queued)
                .description("bids waiting to be decided").register(registry);
    }

    BidBatcher(Decider engine, Auctions known, BiddingConfig config, ExecutorService writers, BiddingMetrics metrics) {
        this.metrics = metrics;
        this.engine = engine;
        this.known = known;
        this.batchSize = config.batchSize();
        this.maxQueuedPerAuction = config.maxQueuedPerAuction();
        this.maxQueued = config.maxQueued();
        this.busyRetryAfter = config.busyRetryAfter();
        this.writers = writers;
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
        return CompletableFuture.supplyAsync(() -> known.exists(auctionId), writers)
                .thenCompose(exists -> exists ? enqueue(command)
                        : CompletableFuture.completedFuture(Decision.rejected(AuctionState.NOT_FOUND.exception())));
    }

    /** Lanes held now (one per auction with queued or running work). */
    public int lanes() {
        return lanes.size();
    }

    /** Requests waiting in the queues now. */
    public int queued() {
        return queued.get();
    }

    /** The most requests that ever waited at once: never more than the bound. */
    public int peakQueued() {
        return peakQueued.get();
    }

    /** Requests answered {@code BIDDING_BUSY} since start. */
    public long shed() {
        return shed.sum();
    }

    private CompletableFuture<Decision> enqueue(Command command) {
        Pending pending = new Pending(command, new CompletableFuture<>());
        if (!reserve()) {
            return busy();
        }
        boolean[] admitted = {false};
        // compute is atomic with the removal in drain: a request never lands in a lane that is being dropped
        Lane lane = lanes.compute(command.auctionId(), (id, existing) -> {
            Lane l = existing == null ? new Lane(id) : existing;
            if (l.queued.get() < maxQueuedPerAuction) {
                l.queued.incrementAndGet();
                l.queue.add(pending);
                admitted[0] = true;
            }
            return l;
        });
        if (!admitted[0]) {
            queued.decrementAndGet();
            schedule(lane); // the lane is not left behind undrained
            return busy();
        }
        peakQueued.accumulateAndGet(queued.get(), Math::max);
        schedule(lane);
        return pending.answer();
    }

    /** Takes a place in the total bound, or says there is none. */
    private boolean reserve() {
        int now = queued.incrementAndGet();
        if (now > maxQueued) {
            queued.decrementAndGet();
            return false;
        }
        return true;
    }

    private CompletableFuture<Decision> busy() {
        shed.increment();
        metrics.rejected("BIDDING_BUSY");
        return CompletableFuture.completedFuture(Decision.rejected(DomainException.unavailable("BIDDING_BUSY",
                "The bidding engine has more bids waiting than it takes at once. Try again shortly.", busyRetryAfter)));
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
                lane.queued.decrementAndGet();
                queued.decrementAndGet();
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
        metrics.batch(batch.size());
        for (Decision decision : decisions) {
            if (decision.rejection() == null) {
                metrics.accepted();
            } else {
                metrics.rejected(decision.rejection().code());
            }
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
