package dev.gavel.gateway.service;

import dev.gavel.gateway.client.BiddingClient;
import io.smallrye.mutiny.Uni;
import dev.gavel.gateway.config.GatewayConfig;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Who watches which auction, and delivery to them. Fan-out looks up the auction's watchers in an index (never a scan
 * of all connections). Each watcher first gets its snapshot; frames that arrive before it are held back, and a frame
 * whose sequence is not above the last one sent is dropped, so a watcher never sees a frame twice or backwards. A
 * frame that skips a sequence means frames were missed: the watcher is sent a fresh snapshot instead (and what arrives
 * meanwhile is held back again), so a gap is always marked by a snapshot, never silently skipped.
 * Changes in the number of watchers are sent as coalesced {@code presence} frames.
 */
@ApplicationScoped
public class AuctionFeeds {

    private static final Logger LOG = Logger.getLogger(AuctionFeeds.class);
    /** Close code: the live state is unavailable (or the relay is starting); the client should reconnect. */
    public static final int UNAVAILABLE = 4503;

    private final Map<UUID, Set<Watcher>> watchers = new ConcurrentHashMap<>();
    private final Set<UUID> presenceChanged = ConcurrentHashMap.newKeySet();
    private final FrameWriter frames;
    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final BiddingClient bidding;
    private ScheduledExecutorService presence;

    public AuctionFeeds(FrameWriter frames, GatewayConfig config, GatewayMetrics metrics,
            @RestClient BiddingClient bidding) {
        this.frames = frames;
        this.config = config;
        this.metrics = metrics;
        this.bidding = bidding;
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

    /** Registers a new watcher; events are held for it until {@link Watcher#start} sends the snapshot. */
    public Watcher join(UUID auctionId, ClientChannel channel) {
        Watcher watcher = new Watcher(auctionId, channel);
        watchers.computeIfAbsent(auctionId, id -> ConcurrentHashMap.newKeySet()).add(watcher);
        presenceChanged.add(auctionId);
        return watcher;
    }

    /** Removes the watcher; leaving twice changes nothing. */
    public void leave(Watcher watcher) {
        boolean[] removed = {false};
        watchers.computeIfPresent(watcher.auctionId, (id, set) -> {
            removed[0] = set.remove(watcher);
            return set.isEmpty() ? null : set;
        });
        if (removed[0]) {
            presenceChanged.add(watcher.auctionId);
        }
    }

    public int watchers(UUID auctionId) {
        Set<Watcher> set = watchers.get(auctionId);
        return set == null ? 0 : set.size();
    }

    /** Every watcher this replica holds, over all auctions. */
    public int watchers() {
        return watchers.values().stream().mapToInt(Set::size).sum();
    }

    /** Auctions with at least one watcher (an auction nobody watches keeps no entry). */
    public int auctionsWatched() {
        return watchers.size();
    }

    /**
     * The engine's live state of an auction, for a watcher's first or fresh snapshot. A read on a pooled connection
     * the other side had just closed fails with an IOException: that idempotent GET is tried once more.
     */
    public Uni<BiddingClient.LiveState> snapshot(UUID auctionId) {
        return bidding.state(auctionId).onFailure(java.io.IOException.class).retry().atMost(1);
    }

    /** Delivers a frame to everyone watching the auction. */
    public void publish(UUID auctionId, long sequence, Object frame) {
        Set<Watcher> set = watchers.get(auctionId);
        if (set == null || set.isEmpty()) {
            return;
        }
        String json = json(frame);
        for (Watcher watcher : set) {
            try {
                watcher.deliver(sequence, json);
            } catch (RuntimeException e) {
                LOG.warnf("frame for auction %s not delivered to one watcher: %s", auctionId, e.toString());
            }
        }
    }

    void flushPresence() {
        try {
            for (UUID auctionId : List.copyOf(presenceChanged)) {
                presenceChanged.remove(auctionId);
                Set<Watcher> set = watchers.get(auctionId);
                if (set == null || set.isEmpty()) {
                    continue;
                }
                int count = set.size();
                String json = json(new Frames.Presence("presence", auctionId, count));
                for (Watcher watcher : set) {
                    watcher.presence(json, count);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("presence frames not sent: %s", e.toString());
        }
    }

    String json(Object frame) {
        return frames.write(frame);
    }

    /** One WebSocket connection watching one auction. */
    public final class Watcher {

        private final UUID auctionId;
        private final ClientChannel channel;
        private final List<Pending> held = new ArrayList<>();
        private boolean started;
        private long lastSequence = -1;
        private int lastWatchers = -1;

        private record Pending(long sequence, String json) {
        }

        Watcher(UUID auctionId, ClientChannel channel) {
            this.auctionId = auctionId;
            this.channel = channel;
        }

        /**
         * Sends the snapshot, then whatever newer frames arrived meanwhile, in sequence order. The snapshot is the
         * engine's committed state, so the frames held with it are not checked for gaps again (a gap among them is
         * already covered by it).
         */
        public synchronized void start(Frames.Snapshot snapshot, long snapshotSequence) {
            channel.send(json(snapshot));
            lastWatchers = snapshot.watchers();
            lastSequence = Math.max(lastSequence, snapshotSequence);
            started = true;
            held.sort(Comparator.comparingLong(Pending::sequence));
            for (Pending p : held) {
                if (p.sequence > lastSequence) {
                    lastSequence = p.sequence;
                    channel.send(p.json);
                } else {
                    metrics.dropped();
                }
            }
            held.clear();
        }

        synchronized void deliver(long sequence, String json) {
            if (!started) {
                held.add(new Pending(sequence, json));
                return;
            }
            if (sequence <= lastSequence) {
                metrics.dropped(); // a duplicate or a stale event
                return;
            }
            if (sequence > lastSequence + 1) {
                held.add(new Pending(sequence, json));
                resync();
                return;
            }
            lastSequence = sequence;
            channel.send(json);
        }

        /**
         * Frames between the last one sent and this one were missed: a fresh snapshot replaces them. The engine's
         * state is committed before any of its events is relayed, so the snapshot is never behind a frame seen.
         */
        private void resync() {
            started = false;
            metrics.resynced();
            snapshot(auctionId).subscribe().with(
                    state -> start(Frames.Snapshot.of(state, watchers(auctionId)), state.sequence()),
                    failure -> {
                        LOG.warnf("no fresh snapshot of auction %s after a gap: %s", auctionId, failure.toString());
                        channel.close(UNAVAILABLE, "live state unavailable, retry");
                    });
        }

        /** Only a count this watcher has not seen yet (its own join is already in its snapshot). */
        synchronized void presence(String json, int count) {
            if (started && count != lastWatchers) {
                lastWatchers = count;
                channel.send(json);
            }
        }
    }
}
