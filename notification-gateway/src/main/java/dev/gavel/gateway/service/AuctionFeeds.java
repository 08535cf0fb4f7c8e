package dev.gavel.gateway.service;

import dev.gavel.events.AuctionClosed;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.BidPlaced;
import dev.gavel.gateway.client.BiddingClient;
import dev.gavel.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Who watches which auction, and delivery to them, built to scale with watchers rather than watchers × work: an
 * auction's watchers are grouped by their connection's event loop ({@link Audience}); the events of one Kafka poll are
 * encoded once each, and handed to each event loop's {@link LoopMailbox}, which writes them to all of its watchers in
 * one task ({@link FeedWatcher} keeps the order, gap and conflation rules). The latest state
 * of each watched auction ({@link LiveView}) is kept for the snapshot of a watcher that fell behind. Changes in the
 * number of watchers are sent as coalesced {@code presence} frames.
 */
@ApplicationScoped
public class AuctionFeeds {

    private static final Logger LOG = Logger.getLogger(AuctionFeeds.class);
    /** Close code: the live state is unavailable (or the relay is starting); the client should reconnect. */
    public static final int UNAVAILABLE = 4503;

    private final Map<UUID, Audience> audiences = new ConcurrentHashMap<>();
    private final Map<UUID, LiveView> views = new ConcurrentHashMap<>();
    private final Set<UUID> presenceChanged = ConcurrentHashMap.newKeySet();
    private final Map<Object, LoopMailbox> mailboxes = new ConcurrentHashMap<>();
    private final FrameWriter frames;
    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final SnapshotRequests snapshots;
    private ScheduledExecutorService presence;

    public AuctionFeeds(FrameWriter frames, GatewayConfig config, GatewayMetrics metrics,
            @RestClient BiddingClient bidding) {
        this.frames = frames;
        this.config = config;
        this.metrics = metrics;
        this.snapshots = new SnapshotRequests(auctionId ->
                bidding.state(auctionId).onFailure(java.io.IOException.class).retry().atMost(1));
    }

    void start(@Observes StartupEvent startup) {
        presence = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "presence");
            t.setDaemon(true);
            return t;
        });
        long every = config.presenceInterval().toMillis();
        presence.scheduleAtFixedRate(this::flushPresence, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (presence != null) {
            presence.shutdownNow();
        }
    }

    /** Registers a new watcher; events are held for it until {@link FeedWatcher#start} sends the snapshot. */
    public FeedWatcher join(UUID auctionId, ClientChannel channel) {
        FeedWatcher watcher = new FeedWatcher(auctionId, channel, this, config.outgoingQueue());
        audiences.compute(auctionId, (id, audience) -> {
            Audience joined = audience == null ? new Audience() : audience;
            joined.add(watcher);
            return joined;
        });
        presenceChanged.add(auctionId);
        return watcher;
    }

    /** Removes the watcher; leaving twice changes nothing. An auction nobody watches keeps no entry. */
    public void leave(FeedWatcher watcher) {
        boolean[] removed = {false};
        audiences.computeIfPresent(watcher.auctionId(), (id, audience) -> {
            removed[0] = audience.remove(watcher);
            if (audience.size() == 0) {
                views.remove(id);
                return null;
            }
            return audience;
        });
        if (removed[0]) {
            presenceChanged.add(watcher.auctionId());
        }
    }

    public int watchers(UUID auctionId) {
        Audience audience = audiences.get(auctionId);
        return audience == null ? 0 : audience.size();
    }

    /** Every watcher this replica holds, over all auctions. */
    public int watchers() {
        return audiences.values().stream().mapToInt(Audience::size).sum();
    }

    /** Auctions with at least one watcher. */
    public int auctionsWatched() {
        return audiences.size();
    }

    /**
     * The engine's live state of an auction, for a watcher's first or fresh snapshot. Watchers asking at the same time
     * share one request ({@link SnapshotRequests}): a crowd joining a hot auction costs the engine a few reads, not
     * one each.
     */
    public Uni<BiddingClient.LiveState> snapshot(UUID auctionId) {
        return snapshots.request(auctionId);
    }

    /** The latest state of a watched auction as its events tell it, or null. */
    LiveView view(UUID auctionId) {
        return views.get(auctionId);
    }

    /**
     * Delivers the events of one poll, in their order, to everyone watching their auctions: each event encoded once,
     * one task per event loop.
     */
    public void relay(List<? extends AuctionEvent> events) {
        Map<Object, List<LoopMailbox.Delivery>> perLoop = new HashMap<>();
        for (AuctionEvent event : events) {
            Audience audience = audiences.get(event.auctionId());
            if (audience == null) {
                continue;
            }
            Object frame;
            long sequence;
            if (event instanceof BidPlaced bid) {
                views.compute(bid.auctionId(), (id, view) -> LiveView.after(view, bid));
                frame = Frames.BidPlacedFrame.of(bid);
                sequence = bid.sequence();
            } else if (event instanceof AuctionClosed closed) {
                views.compute(closed.auctionId(), (id, view) -> LiveView.after(view, closed));
                frame = Frames.AuctionClosedFrame.of(closed);
                sequence = closed.sequence();
            } else {
                continue;
            }
            FeedWatcher.Frame encoded = new FeedWatcher.Frame(sequence, encode(frame));
            long posted = System.nanoTime();
            audience.forEachLoop((loop, watchers) -> perLoop.computeIfAbsent(loop, l -> new ArrayList<>())
                    .add(new LoopMailbox.Delivery(event.auctionId(), watchers, encoded, posted,
                            event.occurredAt())));
        }
        perLoop.forEach((loop, deliveries) -> mailbox(loop).post(deliveries));
    }

    private LoopMailbox mailbox(Object loop) {
        return mailboxes.computeIfAbsent(loop, l -> new LoopMailbox(l, this, metrics, config.conflateAfter(),
                config.conflateAfterFrames(), config.fanoutInterval(), config.fanoutPacing()));
    }

    void flushPresence() {
        try {
            for (UUID auctionId : List.copyOf(presenceChanged)) {
                presenceChanged.remove(auctionId);
                Audience audience = audiences.get(auctionId);
                if (audience == null || audience.size() == 0) {
                    continue;
                }
                int count = audience.size();
                FeedWatcher.Frame json = new FeedWatcher.Frame(-1, encode(new Frames.Presence("presence", auctionId,
                        count)));
                audience.forEachLoop((loop, watchers) -> Audience.execute(loop,
                        () -> watchers.forEach(watcher -> watcher.presence(json, count))));
            }
        } catch (RuntimeException e) {
            LOG.warnf("presence frames not sent: %s", e.toString());
        }
    }

    byte[] encode(Object frame) {
        return frames.bytes(frame);
    }

    void resynced() {
        metrics.resynced();
    }
}
