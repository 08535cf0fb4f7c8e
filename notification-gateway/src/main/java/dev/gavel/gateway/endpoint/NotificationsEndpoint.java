package dev.gavel.gateway.endpoint;

import dev.gavel.gateway.security.AccessTokens;
import dev.gavel.gateway.service.ClientChannel;
import dev.gavel.gateway.service.Connections;
import dev.gavel.gateway.service.FrameWriter;
import dev.gavel.gateway.service.Frames;
import dev.gavel.gateway.service.NotificationCenter;
import dev.gavel.gateway.service.PersonalFeeds;
import org.eclipse.microprofile.context.ManagedExecutor;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /ws/notifications}: the signed-in user's personal frames ({@code outbid}, {@code auction-won},
 * {@code auction-sold}, {@code auction-unsold}). The handshake is authenticated by {@code HandshakeAuthentication}.
 * The feed closes (4401) when its token expires and when its session ends ({@code user-sessions-revoked}).
 * Like every endpoint, one instance serves all connections: what a connection joined is released through its own
 * {@link ClientChannel}.
 */
@WebSocket(path = "/ws/notifications")
public class NotificationsEndpoint {

    /** Close code: no valid token at the handshake, or the token has expired since. */
    public static final int TOKEN_EXPIRED = 4401;

    private final AccessTokens tokens;
    private final PersonalFeeds feeds;
    private final Connections connections;
    private final Vertx vertx;
    /** Token times are the verifier's: the system clock (see AccessTokens). */
    private static final Clock SYSTEM = Clock.systemUTC();
    private final InboundMessages inbound;

    private final NotificationCenter center;
    private final FrameWriter frames;
    private final ManagedExecutor executor;

    public NotificationsEndpoint(AccessTokens tokens, PersonalFeeds feeds, Connections connections, Vertx vertx,
            InboundMessages inbound, NotificationCenter center, FrameWriter frames,
            ManagedExecutor executor) {
        this.center = center;
        this.frames = frames;
        this.executor = executor;
        this.inbound = inbound;
        this.tokens = tokens;
        this.feeds = feeds;
        this.connections = connections;
        this.vertx = vertx;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        Optional<AccessTokens.Holder> holder = AccessTokens.extract(connection.handshakeRequest().query(),
                connection.handshakeRequest().header("Sec-WebSocket-Protocol")).flatMap(tokens::verify);
        if (holder.isEmpty()) {
            return connection.close(new CloseReason(TOKEN_EXPIRED, "a valid access token is required"));
        }
        ClientChannel channel = connections.open(connection);
        if (channel != null) {
            UUID userId = holder.get().userId();
            feeds.join(userId, holder.get().sessionId(), channel);
            channel.onRelease(() -> feeds.leave(userId, channel));
            // the feed lives no longer than the token that opened it: the client reconnects with a fresh one
            // against the system clock, like the token's verification (smallrye-jwt): never a moved test clock
            long millis = Math.max(1, Duration.between(SYSTEM.instant(), holder.get().expiresAt()).toMillis());
            long timer = vertx.setTimer(millis, id -> channel.close(TOKEN_EXPIRED, "access token expired"));
            channel.onRelease(() -> vertx.cancelTimer(timer));
            // the inbox's unread count first (off the event loop: it is a query)
            executor.supplyAsync(() -> center.unread(userId)).thenAccept(count ->
                    channel.send(frames.write(new Frames.UnreadCount("unread-count", count))));
        }
        return Uni.createFrom().voidItem();
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        connections.closed(connection);
    }

    /** The feed takes no messages; a client that keeps sending them is closed (see {@link InboundMessages}). */
    @OnTextMessage
    public void onText(String ignored, WebSocketConnection connection) {
        inbound.received(connection);
    }
}
