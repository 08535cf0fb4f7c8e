package dev.gavel.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket client (JDK) that collects every text frame as JSON, for tests of the live feed. */
public final class WsTestClient implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** One HTTP client for every test socket: a client per socket would cost a thread pool each. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private final boolean reading;

    private WsTestClient(URI uri, boolean reading, String... subprotocols) {
        this(uri, reading, java.util.Map.of(), subprotocols);
    }

    private WsTestClient(URI uri, boolean reading, java.util.Map<String, String> headers, String... subprotocols) {
        this.reading = reading;
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        try {
            this.socket = builder.buildAsync(uri, new Listener()).get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no WebSocket handshake with " + uri + " within 15 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static WsTestClient connect(URI uri) {
        return new WsTestClient(uri, true);
    }

    /** Connects offering subprotocols, e.g. {@code "bearer", token}. */
    public static WsTestClient connect(URI uri, String... subprotocols) {
        return new WsTestClient(uri, true, subprotocols);
    }

    /** Connects as if through a proxy that says the client is at {@code address} ({@code X-Forwarded-For}). */
    public static WsTestClient connectFrom(URI uri, String address) {
        return new WsTestClient(uri, true, java.util.Map.of("X-Forwarded-For", address));
    }

    /** A client that never reads a frame: the server sees it fall behind (for slow-client tests). */
    public static WsTestClient connectWithoutReading(URI uri) {
        return new WsTestClient(uri, false);
    }

    /** A client made with {@link #connectWithoutReading} starts reading (what piled up first). */
    public void startReading() {
        socket.request(1);
    }

    /** The HTTP status with which the server refused the handshake, or 0 when it accepted. */
    public static int handshakeStatus(URI uri, String... subprotocols) {
        try (WsTestClient client = new WsTestClient(uri, true, subprotocols)) {
            return 0;
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof java.net.http.WebSocketHandshakeException)) {
                cause = cause.getCause();
            }
            if (cause == null) {
                throw e;
            }
            return ((java.net.http.WebSocketHandshakeException) cause).getResponse().statusCode();
        }
    }

    /** The next frame, or an AssertionError when none comes in time. */
    public JsonNode next(Duration timeout) {
        try {
            JsonNode frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no WebSocket frame within " + timeout);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for the server to close the socket and returns the close code. */
    public int awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the server did not close the socket within " + timeout, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("the socket failed instead of closing", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Whether the socket has closed (or failed). */
    public boolean isClosed() {
        return closed.isDone();
    }

    /** Frames received and not yet taken. */
    public int pending() {
        return frames.size();
    }

    /** Sends a text message to the server (and waits until it is written). */
    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            if (reading) {
                webSocket.request(1);
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(MAPPER.readTree(partial.toString()));
                } catch (Exception e) {
                    frames.add(MAPPER.getNodeFactory().textNode("unparseable: " + partial));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
