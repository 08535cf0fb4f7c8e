package dev.gavel.bidding.service;

import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.config.BiddingConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;

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
 * their answers after the commit. The lane is free for its next batch once the engine has sent the batch's writes,
 * before the commit: another writer decides the next batch while this one commits (its writes wait for that commit).
 * A writer takes every ready lane it can fill the batch with, so bids spread over many auctions share one transaction
 * too ({@link BidEngine#decideAll}); at most {@code writerThreads} writers run at once. A lane exists only while it
 * has work:
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

    /** A request waiting for its decision, and the answer completed after the commit. */
    record Pending(Command command, CompletableFuture<Decision> answer) {
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

        /**
         * As {@link #decide(List)}, running {@code decided} once the auction's next batch may be decided: before the
         * commit ({@link BidEngine#decide(List, Runnable)}), or after it.
         */
        default List<Decision> decide(List<Command> commands, Runnable decided) {
            List<Decision> decisions = decide(commands);
            decided.run();
            return decisions;
        }

        /** Whether {@link #decideAll} decides several auctions' batches in one transaction (else one at a time). */
        default boolean combines() {
            return false;
        }

        /** The batches of several auctions in one transaction ({@link BidEngine#decideAll}), all or nothing. */
        default List<List<Decision>> decideAll(List<List<Command>> batches) {
            throw new UnsupportedOperationException("this decider takes one auction's batch at a time");
        }

        /** As {@link #decideAll(List)}, running {@code decided} as {@link #decide(List, Runnable)} does. */
        default List<List<Decision>> decideAll(List<List<Command>> batches, Runnable decided) {
            List<List<Decision>> decisions = decideAll(batches);
            decided.run();
            return decisions;
        }
    }

    /** Which auctions exist: known without a lookup, and looked up (blocking). */
    interface Auctions {
        boolean contains(UUID auctionId);

        boolean exists(UUID auctionId);
    }

    private final Map<UUID, Lane> lanes = new ConcurrentHashMap<>();
    /** Lanes with work and no writer yet, in the order they got work. */
    private final Queue<Lane> ready = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running = new AtomicInteger();
    private final int writerThreads;
    private final boolean combines;
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
    private final BatchDecisions decisions;

    @Inject
    public BidBatcher(BidEngine engine, KnownAuctions known, BiddingConfig config, BiddingMetrics metrics,
            MeterRegistry registry) {
        this(new Decider() {
            @Override
            public List<Decision> decide(List<Command> commands) {
                return engine.decide(commands);
            }

            @Override
            public List<Decision> decide(List<Command> commands, Runnable decided) {
                return engine.decide(commands, decided);
            }

            @Override
            public boolean combines() {
                return true;
            }

            @Override
            public List<List<Decision>> decideAll(List<List<Command>> batches) {
                return engine.decideAll(batches);
            }

            @Override
            public List<List<Decision>> decideAll(List<List<Command>> batches, Runnable decided) {
                return engine.decideAll(batches, decided);
            }
        }, known, config, ManagedExecutor.builder()
                .maxAsync(config.writerThreads())
                .propagated(ThreadContext.NONE)
                .cleared(ThreadContext.ALL_REMAINING)
                .build(), metrics);
        Gauge.builder("gavel.bidding.queued", this, BidBatcher::queued)
                .description("bids waiting to be decided").register(registry);
    }

    BidBatcher(Decider engine, Auctions known, BiddingConfig config, ExecutorService writers, BiddingMetrics metrics) {
        this.metrics = metrics;
        this.decisions = new BatchDecisions(engine, metrics);
        this.known = known;
        this.batchSize = config.batchSize();
        this.writerThreads = config.writerThreads();
        this.combines = engine.combines();
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
        // compute is atomic with the removal in release: a request never lands in a lane that is being dropped
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
            ready.add(lane);
            startWriter();
        }
    }

    /** One more writer, unless {@code writerThreads} already run (each takes lanes from {@code ready} until none). */
    private void startWriter() {
        for (int now = running.get(); now < writerThreads; now = running.get()) {
            if (running.compareAndSet(now, now + 1)) {
                writers.execute(this::write);
                return;
            }
        }
    }

    /**
     * Takes ready lanes into one transaction until it holds {@code batchSize} requests or no lane is ready: a hot
     * auction fills a batch alone, and bids spread over many auctions share one commit instead of one each.
     */
    private void write() {
        try {
            Lane first;
            while ((first = ready.poll()) != null) {
                List<Lane> taken = new ArrayList<>();
                List<List<Pending>> batches = new ArrayList<>();
                int size = 0;
                for (Lane lane = first; lane != null; lane = size < batchSize && combines ? ready.poll() : null) {
                    List<Pending> batch = take(lane, batchSize - size);
                    taken.add(lane);
                    if (!batch.isEmpty()) {
                        batches.add(batch);
                        size += batch.size();
                    }
                }
                // the lanes are released once the engine has sent the batch's writes: their next batches are decided
                // while this one commits (by another writer), and wait for its commit to write
                AtomicBoolean released = new AtomicBoolean();
                Runnable release = () -> {
                    if (released.compareAndSet(false, true)) {
                        taken.forEach(this::release);
                    }
                };
                try {
                    if (!batches.isEmpty()) {
                        decisions.decide(batches, release);
                    }
                } finally {
                    release.run();
                }
            }
        } finally {
            running.decrementAndGet();
            if (!ready.isEmpty()) {
                startWriter(); // a lane that became ready as this writer was leaving is not left behind
            }
        }
    }

    private List<Pending> take(Lane lane, int most) {
        List<Pending> batch = new ArrayList<>(Math.min(most, lane.queued.get()));
        Pending next;
        while (batch.size() < most && (next = lane.queue.poll()) != null) {
            batch.add(next);
            lane.queued.decrementAndGet();
            queued.decrementAndGet();
        }
        return batch;
    }

    /** The lane is dropped when it drained empty, or made ready again when more came meanwhile. */
    private void release(Lane lane) {
        lane.draining.set(false);
        Lane kept = lanes.computeIfPresent(lane.auctionId,
                (id, current) -> current == lane && lane.queue.isEmpty() ? null : current);
        if (kept == lane && !lane.queue.isEmpty()) {
            schedule(lane);
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
