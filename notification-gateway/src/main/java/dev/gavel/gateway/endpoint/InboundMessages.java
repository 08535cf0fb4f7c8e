package dev.gavel.gateway.endpoint;

import dev.gavel.gateway.config.GatewayConfig;
import dev.gavel.gateway.service.ClientChannel;
import dev.gavel.gateway.service.Connections;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/** What the endpoints do with a message a client sends: count it against the client's rate, nothing else. */
@ApplicationScoped
public class InboundMessages {

    private final Connections connections;
    private final GatewayConfig config;
    private final Clock clock;

    public InboundMessages(Connections connections, GatewayConfig config, Clock clock) {
        this.connections = connections;
        this.config = config;
        this.clock = clock;
    }

    public void received(WebSocketConnection connection) {
        ClientChannel channel = connections.channel(connection);
        if (channel != null) {
            channel.inbound(clock.millis(), config.inboundMessagesPerSecond());
        }
    }
}
