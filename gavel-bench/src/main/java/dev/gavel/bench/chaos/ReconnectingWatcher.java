package dev.gavel.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A browser on an auction's live feed: it reconnects when the connection drops (a gateway restart) or is refused,
 * and keeps each connection's frames apart, so a test can check what every connection showed.
 */
public final class ReconnectingWatcher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI uri;
    private final List<List<JsonNode>> connections = new ArrayList<>();
    private volatile boolean running = true;
    private volatile WebSocket socket;

    public ReconnectingWatcher(int gatewayPort, String auctionId) {
        this.uri = URI.create("ws://127.0.0.1:" + gatewayPort + "/ws/auctions/" + auctionId);
        connect();
    }

    private void connect() {
        if (!running) {
            return;
        }
        List<JsonNode> frames = new ArrayList<>();
        http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public void onOpen(WebSocket webSocket) {
                synchronized (ReconnectingWatcher.this) {
                    connections.add(frames);
                }
                socket = webSocket;
                webSocket.request(1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        JsonNode frame = JSON.readTree(text.toString());
                        synchronized (ReconnectingWatcher.this) {
                            frames.add(frame);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException("not JSON: " + text, e);
                    }
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                reconnectUnlessClosed();
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                reconnectUnlessClosed();
            }
        }).exceptionally(refused -> {
            reconnectUnlessClosed();
            return null;
        });
    }

    /** After the auction-closed frame the feed ends for good; before it, a dropped feed is opened again. */
    private void reconnectUnlessClosed() {
        JsonNode last = lastFrame();
        if (running && (last == null || !"auction-closed".equals(last.path("type").asText()))) {
            CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(this::connect);
        }
    }

    /** The frames of each connection, in the order they came (presence frames left out). */
    public synchronized List<List<JsonNode>> connections() {
        List<List<JsonNode>> copy = new ArrayList<>();
        for (List<JsonNode> frames : connections) {
            copy.add(frames.stream().filter(f -> !"presence".equals(f.path("type").asText())).toList());
        }
        return copy;
    }

    /** The last frame with a sequence, over all connections. */
    public synchronized JsonNode lastFrame() {
        for (int i = connections.size() - 1; i >= 0; i--) {
            List<JsonNode> frames = connections.get(i);
            for (int j = frames.size() - 1; j >= 0; j--) {
                if (frames.get(j).has("sequence")) {
                    return frames.get(j);
                }
            }
        }
        return null;
    }

    public long lastSequence() {
        JsonNode last = lastFrame();
        return last == null ? -1 : last.get("sequence").asLong();
    }

    @Override
    public void close() {
        running = false;
        WebSocket open = socket;
        if (open != null) {
            open.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS);
        }
    }
}
