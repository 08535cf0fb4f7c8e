package dev.gavel.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who watches which auction, and delivery to them. Fan-out looks up the auction's watchers in an index (never a scan
 * of all connections). Each watcher first gets its snapshot; frames that arrive before it are held back, and a frame
 * whose sequence is not above the last one sent is dropped, so a watcher never sees a frame twice or backwards.
 */
@ApplicationScoped
public class AuctionFeeds {

    private static final Logger LOG = Logger.getLogger(AuctionFeeds.class);

    private final Map<UUID, Set<Watcher>> watchers = new ConcurrentHashMap<>();
    private final ObjectMapper mapper;

    public AuctionFeeds(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Registers a new watcher; events are held for it until {@link Watcher#start} sends the snapshot. */
    public Watcher join(UUID auctionId, WebSocketConnection connection) {
        Watcher watcher = new Watcher(auctionId, connection);
        watchers.computeIfAbsent(auctionId, id -> ConcurrentHashMap.newKeySet()).add(watcher);
        return watcher;
    }

    public void leave(Watcher watcher) {
        watchers.computeIfPresent(watcher.auctionId, (id, set) -> {
            set.remove(watcher);
            return set.isEmpty() ? null : set;
        });
    }

    public int watchers(UUID auctionId) {
        Set<Watcher> set = watchers.get(auctionId);
        return set == null ? 0 : set.size();
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

    String json(Object frame) {
        try {
            return mapper.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("frame cannot be written as JSON", e);
        }
    }

    /** One WebSocket connection watching one auction. */
    public final class Watcher {

        private final UUID auctionId;
        private final WebSocketConnection connection;
        private final List<Pending> held = new ArrayList<>();
        private boolean started;
        private long lastSequence = -1;

        private record Pending(long sequence, String json) {
        }

        Watcher(UUID auctionId, WebSocketConnection connection) {
            this.auctionId = auctionId;
            this.connection = connection;
        }

        /** Sends the snapshot, then whatever newer frames arrived meanwhile, in sequence order. */
        public synchronized void start(Object snapshot, long snapshotSequence) {
            send(json(snapshot));
            lastSequence = snapshotSequence;
            started = true;
            held.sort(Comparator.comparingLong(Pending::sequence));
            for (Pending p : held) {
                deliver(p.sequence, p.json);
            }
            held.clear();
        }

        synchronized void deliver(long sequence, String json) {
            if (!started) {
                held.add(new Pending(sequence, json));
                return;
            }
            if (sequence <= lastSequence) {
                return; // a duplicate or a stale event
            }
            lastSequence = sequence;
            send(json);
        }

        private void send(String json) {
            if (!connection.isOpen()) {
                return;
            }
            connection.sendText(json).subscribe().with(ok -> { }, failure ->
                    LOG.debugf("frame to %s not delivered: %s", connection.id(), failure.getMessage()));
        }
    }
}
