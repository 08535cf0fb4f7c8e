package dev.gavel.gateway.service;

import io.netty.util.concurrent.EventExecutor;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The frames waiting for one event loop. The relay posts each poll's frames; one task on the loop takes everything
 * posted so far and writes it to that loop's watchers, each socket written and flushed once per task: the frames of an
 * auction that waited together go to a watcher as one run of bytes ({@link FrameRun}); metrics are counted once per
 * task.
 * <p>
 * Pacing: after a task, the loop's next one starts no sooner than {@code fanout-interval}, nor sooner than
 * {@code fanout-pacing} (1) times what the last one took. A loop thus spends at most about half its time writing
 * frames, and the busier the gateway, the more frames each socket gets per write: the cost of a write is in the
 * per-socket path (Netty's pipeline, the system call), hardly in its bytes (docs/benchmarks.md, "runs of frames and
 * paced loops"). A frame arriving after a quiet spell is written at once.
 * <p>
 * Conflation, when the gateway itself falls behind: when an auction has more than {@code conflate-after-frames}
 * frames waiting, or several of which the oldest has waited longer than {@code conflate-after}, its watchers get one
 * fresh snapshot of the latest state ({@link LiveView}) instead of every intermediate frame, as market-data feeds do.
 * The snapshot marks the gap; frames it covers that arrive later are dropped as stale, so a watcher never sees a
 * frame twice or backwards.
 */
final class LoopMailbox {

    private static final Logger LOG = Logger.getLogger(LoopMailbox.class);

    /** A frame for one auction's watchers on this loop. */
    record Delivery(UUID auctionId, Set<FeedWatcher> watchers, FeedWatcher.Frame frame, long postedAt,
            Instant occurredAt) {
    }

    private final Object loop;
    private final AuctionFeeds feeds;
    private final GatewayMetrics metrics;
    private final long conflateAfterNanos;
    private final int conflateAfterFrames;
    private final long intervalNanos;
    private final double pacing;
    private final ConcurrentLinkedQueue<Delivery> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** When the next task may start (System.nanoTime), written by the loop's task, read by the posting thread. */
    private volatile long nextTaskAt;

    LoopMailbox(Object loop, AuctionFeeds feeds, GatewayMetrics metrics, Duration conflateAfter,
            int conflateAfterFrames, Duration interval, double pacing) {
        this.loop = loop;
        this.feeds = feeds;
        this.metrics = metrics;
        this.conflateAfterNanos = conflateAfter.toNanos();
        this.conflateAfterFrames = conflateAfterFrames;
        this.intervalNanos = interval.toNanos();
        this.pacing = pacing;
        this.nextTaskAt = System.nanoTime();
    }

    void post(List<Delivery> deliveries) {
        queue.addAll(deliveries);
        if (scheduled.compareAndSet(false, true)) {
            long wait = nextTaskAt - System.nanoTime();
            if (wait > 0 && loop instanceof EventExecutor executor) {
                executor.schedule(this::drain, wait, TimeUnit.NANOSECONDS);
            } else {
                Audience.execute(loop, this::drain);
            }
        }
    }

    /** On the event loop. */
    private void drain() {
        scheduled.set(false);
        long start = System.nanoTime();
        Map<UUID, List<Delivery>> byAuction = new LinkedHashMap<>();
        List<Instant> occurred = new ArrayList<>();
        for (Delivery d; (d = queue.poll()) != null; ) {
            byAuction.computeIfAbsent(d.auctionId(), id -> new ArrayList<>()).add(d);
            occurred.add(d.occurredAt());
        }
        Tally tally = new Tally();
        byAuction.forEach((auctionId, waiting) -> {
            LiveView view = feeds.view(auctionId);
            Delivery last = waiting.get(waiting.size() - 1);
            boolean behind = waiting.size() > conflateAfterFrames
                    || waiting.size() > 1 && start - waiting.get(0).postedAt() > conflateAfterNanos;
            if (behind && view != null && view.complete() && view.sequence() >= last.frame().sequence()) {
                catchUp(auctionId, view, waiting, tally);
            } else {
                deliver(waiting, tally);
            }
        });
        tally.flush(metrics);
        metrics.framesWritten(occurred);
        long end = System.nanoTime();
        nextTaskAt = end + Math.max(intervalNanos, (long) (pacing * (end - start)));
    }

    /**
     * The frames waiting for one auction, each watcher's in one write where it is exactly before the first of a run of
     * consecutive frames (the usual case), else frame by frame ({@link FeedWatcher#deliver}: held, stale, gaps).
     */
    private static void deliver(List<Delivery> waiting, Tally tally) {
        List<FeedWatcher.Frame> frames = waiting.stream().map(Delivery::frame).toList();
        FrameRun run = FrameRun.of(frames);
        for (FeedWatcher watcher : waiting.get(waiting.size() - 1).watchers()) {
            try {
                FeedWatcher.Delivered delivered = run == null ? null : watcher.deliver(run);
                if (delivered != null) {
                    tally.count(watcher, delivered, frames.size(), 0);
                } else {
                    for (FeedWatcher.Frame frame : frames) {
                        tally.count(watcher, watcher.deliver(frame), 1, 0);
                    }
                }
            } catch (RuntimeException e) {
                tally.failed(e);
            }
        }
    }

    /** One snapshot of the latest state, encoded once, in place of the frames waiting. */
    private void catchUp(UUID auctionId, LiveView view, List<Delivery> waiting, Tally tally) {
        int count = feeds.watchers(auctionId);
        FeedWatcher.Frame snapshot = new FeedWatcher.Frame(view.sequence(),
                feeds.encode(view.snapshot(auctionId, count)));
        List<FeedWatcher.Frame> frames = waiting.stream().map(Delivery::frame).toList();
        for (FeedWatcher watcher : waiting.get(0).watchers()) {
            try {
                tally.count(watcher, watcher.catchUp(snapshot, count, frames), 1, frames.size() - 1);
            } catch (RuntimeException e) {
                tally.failed(e);
            }
        }
    }

    /** Frames sent, dropped and skipped in one task, and the sockets written (each write once) to flush at its end. */
    private static final class Tally {
        private final List<ClientChannel> written = new ArrayList<>();
        private long sent;
        private long dropped;
        private long skipped;

        /** {@code frames} went to {@code watcher} in one write; {@code replaced} more were covered by a snapshot. */
        void count(FeedWatcher watcher, FeedWatcher.Delivered delivered, int frames, int replaced) {
            switch (delivered) {
                case SENT -> {
                    sent += frames;
                    skipped += replaced;
                    written.add(watcher.channel());
                }
                case STALE -> dropped += frames;
                case SKIPPED -> skipped += replaced + frames;
                case HELD -> { }
            }
        }

        void failed(RuntimeException e) {
            dropped++;
            LOG.warnf("frame not delivered to one watcher: %s", e.toString());
        }

        void flush(GatewayMetrics metrics) {
            for (ClientChannel channel : written) {
                channel.flush();
            }
            metrics.framesSent(sent);
            metrics.framesDropped(dropped);
            metrics.framesConflated(skipped);
            metrics.socketWrites(written.size());
        }
    }
}
