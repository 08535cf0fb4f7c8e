package dev.gavel.gateway.endpoint;

import dev.gavel.gateway.security.AccessTokens;
import dev.gavel.gateway.service.ClientChannel;
import dev.gavel.gateway.service.Connections;
import dev.gavel.gateway.service.PersonalFeeds;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

import java.util.Optional;
import java.util.UUID;

/**
 * {@code /ws/notifications}: the signed-in user's personal frames ({@code outbid}, {@code auction-won},
 * {@code auction-sold}, {@code auction-unsold}). The handshake is authenticated by {@code HandshakeAuthentication}.
 * Like every endpoint, one instance serves all connections: what a connection joined is released through its own
 * {@link ClientChannel}.
 */
@WebSocket(path = "/ws/notifications")
public class NotificationsEndpoint {

    private final AccessTokens tokens;
    private final PersonalFeeds feeds;
    private final Connections connections;

    public NotificationsEndpoint(AccessTokens tokens, PersonalFeeds feeds, Connections connections) {
        this.tokens = tokens;
        this.feeds = feeds;
        this.connections = connections;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        Optional<UUID> user = AccessTokens.extract(connection.handshakeRequest().query(),
                connection.handshakeRequest().header("Sec-WebSocket-Protocol")).flatMap(tokens::verify);
        if (user.isEmpty()) {
            return connection.close(new CloseReason(4401, "a valid access token is required"));
        }
        ClientChannel channel = connections.open(connection);
        if (channel != null) {
            UUID userId = user.get();
            feeds.join(userId, channel);
            channel.onRelease(() -> feeds.leave(userId, channel));
        }
        return Uni.createFrom().voidItem();
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        connections.closed(connection);
    }
}
