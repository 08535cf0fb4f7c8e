package dev.gavel.gateway.service;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection with a bounded outgoing queue. A frame is counted from the moment it is handed to the
 * connection until the socket has taken it; a client that lets more than the bound pile up (it stopped reading) is
 * closed with 4008 and its frames are dropped, so it never slows anyone else down.
 * <p>
 * The channel is the connection's own state: what a connection joined (a feed, a user's room) is registered with
 * {@link #onRelease}, and {@link Connections#closed} releases exactly that connection's registrations. WebSocket
 * endpoints are singletons shared by every connection, so they keep no per-connection fields.
 */
public final class ClientChannel {

    public static final int TOO_SLOW = 4008;
    /** Close code for a client that keeps sending messages (RFC 6455: policy violation). */
    public static final int POLICY_VIOLATION = 1008;
    private static final Logger LOG = Logger.getLogger(ClientChannel.class);

    private final WebSocketConnection connection;
    private final int bound;
    private final GatewayMetrics metrics;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean dropped = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private long inboundSecond;
    private int inboundInSecond;
    private final List<Runnable> releases = new CopyOnWriteArrayList<>();

    public ClientChannel(WebSocketConnection connection, int bound, GatewayMetrics metrics) {
        this.connection = connection;
        this.bound = bound;
        this.metrics = metrics;
    }

    public void send(String json) {
        if (dropped.get() || !connection.isOpen()) {
            metrics.dropped();
            return;
        }
        if (pending.incrementAndGet() > bound) {
            pending.decrementAndGet();
            dropSlowClient();
            return;
        }
        connection.sendText(json).subscribe().with(
                ok -> {
                    pending.decrementAndGet();
                    metrics.sent();
                },
                failure -> {
                    pending.decrementAndGet();
                    metrics.dropped();
                    LOG.debugf("frame to %s not delivered: %s", connection.id(), failure.getMessage());
                });
    }

    private void dropSlowClient() {
        metrics.dropped();
        if (dropped.compareAndSet(false, true)) {
            metrics.slowClientDropped();
            LOG.infof("dropping WebSocket client %s: more than %d frames waiting", connection.id(), bound);
            connection.close(new CloseReason(TOO_SLOW, "too slow: frames were not read")).subscribe().with(ok -> { },
                    failure -> { });
        }
    }

    /**
     * Counts a message the client sent; above {@code perSecond} in one second (by {@code nowMillis}) the client is
     * closed with 1008. Returns whether the message was within the limit.
     */
    public synchronized boolean inbound(long nowMillis, int perSecond) {
        long second = nowMillis / 1000;
        if (second != inboundSecond) {
            inboundSecond = second;
            inboundInSecond = 0;
        }
        if (++inboundInSecond <= perSecond) {
            return true;
        }
        close(POLICY_VIOLATION, "the feed takes no messages from clients");
        return false;
    }

    /**
     * Runs {@code release} when the connection is closed (at once if it already is), exactly once. Releases must be
     * idempotent: the endpoint may also run them itself, e.g. when the snapshot cannot be had.
     */
    public void onRelease(Runnable release) {
        releases.add(release);
        if (released.get() && releases.remove(release)) {
            release.run();
        }
    }

    /** Runs every registered release once; called when the connection has closed. */
    void release() {
        released.set(true);
        for (Runnable release : releases) {
            if (releases.remove(release)) {
                try {
                    release.run();
                } catch (RuntimeException e) {
                    LOG.warnf("releasing connection %s: %s", connection.id(), e.toString());
                }
            }
        }
    }

    public WebSocketConnection connection() {
        return connection;
    }

    public void close(int code, String reason) {
        if (connection.isOpen()) {
            connection.close(new CloseReason(code, reason)).subscribe().with(ok -> { }, failure -> { });
        }
    }
}
