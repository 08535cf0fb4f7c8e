package dev.gavel.gateway.endpoint;

import dev.gavel.gateway.service.AuctionFeeds;
import dev.gavel.gateway.service.ClientChannel;
import dev.gavel.gateway.service.Connections;
import dev.gavel.gateway.service.FeedWatcher;
import dev.gavel.gateway.service.Frames;
import dev.gavel.gateway.service.RelayPositions;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.WebApplicationException;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * {@code /ws/auctions/{auctionId}}: a snapshot of the auction on connect, then its {@code bid-placed} and
 * {@code auction-closed} frames as they happen, and {@code presence} when the number of watchers changes.
 * <p>
 * Quarkus creates this endpoint once for all connections: it keeps no per-connection field. Each connection's
 * watcher is registered with that connection's {@link ClientChannel}, which leaves the feed when it closes.
 */
@WebSocket(path = "/ws/auctions/{auctionId}")
public class AuctionFeedEndpoint {

    private static final Logger LOG = Logger.getLogger(AuctionFeedEndpoint.class);
    /** Close codes in the private range: the auction does not exist / the live state is unavailable. */
    static final int NOT_FOUND = 4404;
    static final int UNAVAILABLE = AuctionFeeds.UNAVAILABLE;

    private final AuctionFeeds feeds;
    private final Connections connections;
    private final InboundMessages inbound;
    private final RelayPositions relay;

    public AuctionFeedEndpoint(AuctionFeeds feeds, Connections connections,
            InboundMessages inbound, RelayPositions relay) {
        this.inbound = inbound;
        this.relay = relay;
        this.feeds = feeds;
        this.connections = connections;
    }

    @OnOpen
    public Uni<Void> onOpen(WebSocketConnection connection) {
        UUID auctionId;
        try {
            auctionId = UUID.fromString(connection.pathParam("auctionId"));
        } catch (IllegalArgumentException e) {
            return connection.close(new CloseReason(NOT_FOUND, "unknown auction"));
        }
        if (!relay.ready()) {
            // the relay does not read from a known position yet: a snapshot now could be followed by a gap
            return connection.close(new CloseReason(UNAVAILABLE, "starting, retry"));
        }
        ClientChannel channel = connections.open(connection);
        if (channel == null) {
            return Uni.createFrom().voidItem();
        }
        FeedWatcher joined = feeds.join(auctionId, channel);
        channel.onRelease(() -> feeds.leave(joined));
        return feeds.snapshot(auctionId)
                .invoke(state -> joined.start(Frames.Snapshot.of(state, feeds.watchers(auctionId)), state.sequence()))
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    feeds.leave(joined);
                    boolean notFound = failure instanceof WebApplicationException wae
                            && wae.getResponse().getStatus() == 404;
                    if (!notFound) {
                        LOG.warnf("no live state for auction %s: %s", auctionId, failure.toString());
                    }
                    return connection.close(notFound ? new CloseReason(NOT_FOUND, "unknown auction")
                            : new CloseReason(UNAVAILABLE, "live state unavailable, retry"));
                });
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
