package dev.gavel.gateway.service;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.EventExecutor;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection with a bounded outgoing queue. A frame is counted from the moment it is handed to the
 * connection until the socket has taken it; a client that lets more than the bound pile up (it stopped reading) is
 * closed with 4008 and its frames are dropped, so it never slows anyone else down.
 * <p>
 * The live feed writes differently, for fan-out to many thousands of sockets ({@link #write}): on the connection's own
 * event loop ({@link #execute}), straight to its Netty channel ({@link FeedSocket}), a frame encoded once for every
 * watcher, with no subscription per frame, flushed once per fan-out task. Its back-pressure is the socket's writability: past {@code conflate-after} bytes waiting,
 * {@link #writable()} is false and the watcher conflates (see {@link FeedWatcher}) until {@link #onDrain} runs.
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
    /** The Netty channel under the connection, or null where it cannot be had (then writes take the Uni path). */
    private final FeedSocket socket;
    private final EventExecutor loop;
    private boolean unflushed;
    private volatile Runnable onDrain;

    /** Opened on the connection's event loop (a WebSocket {@code @OnOpen}). */
    public ClientChannel(WebSocketConnection connection, int bound, GatewayMetrics metrics, int conflateAfterBytes,
            int sendBufferBytes) {
        this.connection = connection;
        this.bound = bound;
        this.metrics = metrics;
        this.socket = FeedSocket.of(connection);
        this.loop = socket == null ? null : socket.loop();
        if (socket != null) {
            socket.sendBuffer(sendBufferBytes);
            socket.conflateAfter(conflateAfterBytes, () -> {
                Runnable drained = onDrain;
                if (drained != null) {
                    drained.run();
                }
            });
        }
    }

    /** Whether frames go straight to the Netty channel (else through {@code sendText}). */
    public boolean direct() {
        return socket != null;
    }

    /** The event loop the connection's writes belong to; watchers are grouped by it. */
    public EventExecutor loop() {
        return loop;
    }

    /** Runs {@code task} on the connection's event loop (at once when already there). */
    public void execute(Runnable task) {
        if (loop == null || loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /** Whether the socket takes more without piling up (on the event loop). */
    public boolean writable() {
        if (socket == null) {
            return !dropped.get() && connection.isOpen() && pending.get() < bound;
        }
        return !dropped.get() && socket.writable();
    }

    /**
     * On the event loop: queues one text frame already encoded as UTF-8, shared by every watcher (each write wraps the
     * same bytes). It goes out at the next {@link #flush()}. Returns whether it was handed to the socket.
     */
    public boolean write(byte[] utf8) {
        return write(utf8, null);
    }

    /** On the event loop: queues a frame shared by many sockets, as text and as {@link FeedSocket#wire} bytes. */
    public boolean write(FeedWatcher.Frame frame) {
        return write(frame.utf8(), frame.wire());
    }

    /** Whether {@link #write(ByteBuf)} can be used: the socket takes frames encoded by {@link FeedSocket#wire}. */
    public boolean raw() {
        return socket != null && socket.raw();
    }

    /** On the event loop: queues frames already on the wire's form ({@link FrameRun}); only where {@link #raw()}. */
    public boolean write(ByteBuf wire) {
        if (!open()) {
            return false;
        }
        socket.write(wire);
        unflushed = true;
        return true;
    }

    private boolean write(byte[] utf8, ByteBuf wire) {
        if (!open()) {
            return false;
        }
        if (socket == null) {
            send(new String(utf8, StandardCharsets.UTF_8));
            return true;
        }
        if (wire == null) {
            socket.write(utf8);
        } else {
            socket.write(utf8, wire);
        }
        unflushed = true;
        return true;
    }

    /** Neither dropped nor closed: frames may still be written. */
    private boolean open() {
        return !dropped.get() && (socket == null ? connection.isOpen() : socket.open());
    }

    /** On the event loop: sends what {@link #write} queued; returns whether there was anything. */
    public boolean flush() {
        if (!unflushed) {
            return false;
        }
        unflushed = false;
        socket.flush();
        return true;
    }

    /** What to run when a socket that was not {@link #writable()} has drained (on the event loop). */
    public void onDrain(Runnable drained) {
        this.onDrain = drained;
    }

    /** Closes a client that fell too far behind with 4008. */
    public void dropTooSlow() {
        dropSlowClient();
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
