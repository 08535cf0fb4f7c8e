package dev.gavel.gateway.service;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The frames waiting for one event loop. The relay posts each poll's frames; one task on the loop takes everything
 * posted so far and writes it to that loop's watchers, each socket flushed once; metrics are counted once per task.
 * <p>
 * Conflation, when the gateway itself falls behind: when an auction has several frames waiting and the oldest has
 * waited longer than {@code conflate-after}, its watchers get one fresh snapshot of the latest state
 * ({@link LiveView}) instead of every intermediate frame, as market-data feeds do. The snapshot marks the gap; frames
 * it covers that arrive later are dropped as stale, so a watcher never sees a frame twice or backwards.
 */
final class LoopMailbox {

    private static final Logger LOG = Logger.getLogger(LoopMailbox.class);

    /** A frame for one auction's watchers on this loop. */
    record Delivery(UUID auctionId, Set<FeedWatcher> watchers, FeedWatcher.Frame frame, long postedAt) {
    }

    private final Object loop;
    private final AuctionFeeds feeds;
    private final GatewayMetrics metrics;
    private final long conflateAfterNanos;
    private final ConcurrentLinkedQueue<Delivery> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    LoopMailbox(Object loop, AuctionFeeds feeds, GatewayMetrics metrics, Duration conflateAfter) {
        this.loop = loop;
        this.feeds = feeds;
        this.metrics = metrics;
        this.conflateAfterNanos = conflateAfter.toNanos();
    }

    void post(List<Delivery> deliveries) {
        queue.addAll(deliveries);
        if (scheduled.compareAndSet(false, true)) {
            Audience.execute(loop, this::drain);
        }
    }

    /** On the event loop. */
    private void drain() {
        scheduled.set(false);
        Map<UUID, List<Delivery>> byAuction = new LinkedHashMap<>();
        for (Delivery d; (d = queue.poll()) != null; ) {
            byAuction.computeIfAbsent(d.auctionId(), id -> new ArrayList<>()).add(d);
        }
        Tally tally = new Tally();
        long now = System.nanoTime();
        byAuction.forEach((auctionId, waiting) -> {
            LiveView view = feeds.view(auctionId);
            Delivery last = waiting.get(waiting.size() - 1);
            boolean behind = waiting.size() > 1 && now - waiting.get(0).postedAt() > conflateAfterNanos;
            if (behind && view != null && view.complete() && view.sequence() >= last.frame().sequence()) {
                catchUp(auctionId, view, waiting, tally);
            } else {
                for (Delivery delivery : waiting) {
                    for (FeedWatcher watcher : delivery.watchers()) {
                        tally.count(watcher, () -> watcher.deliver(delivery.frame()), 0);
                    }
                }
            }
        });
        tally.flush(metrics);
    }

    /** One snapshot of the latest state, encoded once, in place of the frames waiting. */
    private void catchUp(UUID auctionId, LiveView view, List<Delivery> waiting, Tally tally) {
        int count = feeds.watchers(auctionId);
        FeedWatcher.Frame snapshot = new FeedWatcher.Frame(view.sequence(),
                feeds.encode(view.snapshot(auctionId, count)));
        List<FeedWatcher.Frame> frames = waiting.stream().map(Delivery::frame).toList();
        for (FeedWatcher watcher : waiting.get(0).watchers()) {
            tally.count(watcher, () -> watcher.catchUp(snapshot, count, frames), frames.size() - 1);
        }
    }

    /** Frames sent, dropped and skipped in one task, and the sockets to flush at its end. */
    private static final class Tally {
        private final List<ClientChannel> written = new ArrayList<>();
        private long sent;
        private long dropped;
        private long skipped;

        void count(FeedWatcher watcher, java.util.function.Supplier<FeedWatcher.Delivered> delivery, int replaced) {
            try {
                switch (delivery.get()) {
                    case SENT -> {
                        sent++;
                        skipped += replaced;
                        written.add(watcher.channel());
                    }
                    case STALE -> dropped++;
                    case SKIPPED -> skipped += replaced + 1;
                    case HELD -> { }
                }
            } catch (RuntimeException e) {
                dropped++;
                LOG.warnf("frame not delivered to one watcher: %s", e.toString());
            }
        }

        void flush(GatewayMetrics metrics) {
            for (ClientChannel channel : written) {
                channel.flush();
            }
            metrics.framesSent(sent);
            metrics.framesDropped(dropped);
            metrics.framesConflated(skipped);
        }
    }
}
