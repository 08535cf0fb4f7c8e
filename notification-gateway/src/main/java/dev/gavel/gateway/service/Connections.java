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

    private final Map<String, ClientChannel> open = new ConcurrentHashMap<>();
    private final GatewayConfig config;
    private final GatewayMetrics metrics;

    public Connections(GatewayConfig config, GatewayMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /** A channel for the new connection, or {@code null} (and the connection closed) when the replica is full. */
    public ClientChannel open(WebSocketConnection connection) {
        ClientChannel channel = new ClientChannel(connection, config.outgoingQueue(), metrics);
        if (metrics.opened() > config.maxConnections()) {
            metrics.closed();
            channel.close(TRY_AGAIN_LATER, "connection limit reached, try another time");
            return null;
        }
        open.put(connection.id(), channel);
        return channel;
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

    /** Open connections of this replica (for tests and metrics). */
    public int count() {
        return open.size();
    }

    void shutdown(@Observes ShutdownEvent shutdown) {
        open.values().forEach(c -> c.close(GOING_AWAY, "server shutting down"));
    }
}
