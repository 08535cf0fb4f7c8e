package dev.gavel.gateway.service;

import dev.gavel.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every open connection of this replica: the connection limit, and clean close frames on shutdown. */
@ApplicationScoped
public class Connections {

    public static final int TRY_AGAIN_LATER = 1013;
    public static final int GOING_AWAY = 1001;
    /** Close code: this client address already holds as many connections as one address may. */
    public static final int TOO_MANY_FROM_ADDRESS = 4429;

    private final Map<String, ClientChannel> open = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final GatewayConfig config;
    private final GatewayMetrics metrics;

    public Connections(GatewayConfig config, GatewayMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * A channel for the new connection, or {@code null} (and the connection closed) when the replica is full (1013) or
     * the client's address holds its share already (4429). The address is the peer's, or the {@code X-Forwarded-For}
     * it sent when the peer is a trusted proxy ({@code quarkus.http.proxy.trusted-proxies}).
     */
    public ClientChannel open(WebSocketConnection connection) {
        ClientChannel channel = new ClientChannel(connection, config.outgoingQueue(), metrics,
                config.conflateAfterBytes(), config.sendBufferBytes());
        if (metrics.opened() > config.maxConnections()) {
            metrics.closed();
            channel.close(TRY_AGAIN_LATER, "connection limit reached, try another time");
            return null;
        }
        String address = address(connection);
        int fromAddress = perAddress.computeIfAbsent(address, a -> new java.util.concurrent.atomic.AtomicInteger())
                .incrementAndGet();
        channel.onRelease(() -> perAddress.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count));
        if (fromAddress > config.maxConnectionsPerAddress()) {
            metrics.closed();
            channel.release();
            channel.close(TOO_MANY_FROM_ADDRESS, "too many connections from one address");
            return null;
        }
        open.put(connection.id(), channel);
        return channel;
    }

    private static String address(WebSocketConnection connection) {
        String remote = connection.handshakeRequest().remoteAddress();
        if (remote == null) {
            return "unknown";
        }
        int port = remote.lastIndexOf(':');
        return port > 0 && remote.indexOf(':') == port ? remote.substring(0, port) : remote; // host:port -> host
    }

    /** Forgets the connection and releases what it joined (see {@link ClientChannel#onRelease}). */
    public void closed(WebSocketConnection connection) {
        ClientChannel channel = open.remove(connection.id());
        if (channel != null) {
            metrics.closed();
            channel.release();
        }
    }

    /** The channel of an open connection, or null. */
    public ClientChannel channel(WebSocketConnection connection) {
        return open.get(connection.id());
    }

    /** Open connections whose frames go straight to their Netty channel (all of them, unless Quarkus changed). */
    public long direct() {
        return open.values().stream().filter(ClientChannel::direct).count();
    }

    /** Open connections of this replica (for tests and metrics). */
    public int count() {
        return open.size();
    }

    void shutdown(@Observes ShutdownEvent shutdown) {
        open.values().forEach(c -> c.close(GOING_AWAY, "server shutting down"));
    }
}
