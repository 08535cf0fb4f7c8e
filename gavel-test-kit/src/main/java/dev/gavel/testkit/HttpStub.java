package dev.gavel.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * A small HTTP server on a free local port that stands in for another Gavel service in one module's own tests (the
 * system test runs the real one). Each route answers from the request path and query.
 */
public final class HttpStub implements AutoCloseable {

    /** What a route answers. */
    public record Reply(int status, String body) {

        public static Reply json(String body) {
            return new Reply(200, body);
        }

        public static Reply status(int status) {
            return new Reply(status, "{\"status\":" + status + "}");
        }
    }

    /** The request as a route sees it. */
    public record Request(String method, String path, String query, String authorization) {

        /** The {@code sub} of the bearer token the request carries (unverified: a stub trusts its callers), or null. */
        public String bearerSubject() {
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                return null;
            }
            String[] parts = authorization.substring(7).split("\\.");
            if (parts.length < 2) {
                return null;
            }
            String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            java.util.regex.Matcher sub = java.util.regex.Pattern.compile("\"sub\"\\s*:\\s*\"([^\"]+)\"").matcher(claims);
            return sub.find() ? sub.group(1) : null;
        }
    }

    private final HttpServer server;

    private HttpStub(HttpServer server) {
        this.server = server;
    }

    /** Starts the stub with routes by path prefix. */
    public static HttpStub start(Map<String, Function<Request, Reply>> routes) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // several requests at once (the JDK server's default is one thread, which queues a burst of them)
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "http-stub");
            t.setDaemon(true);
            return t;
        }));
        routes.forEach((prefix, route) -> server.createContext(prefix, exchange -> reply(exchange, route.apply(
                new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getQuery(), exchange.getRequestHeaders().getFirst("Authorization"))))));
        server.start();
        return new HttpStub(server);
    }

    private static void reply(HttpExchange exchange, Reply reply) throws IOException {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type",
                reply.status() >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(reply.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        if (server.getExecutor() instanceof java.util.concurrent.ExecutorService executor) {
            executor.shutdownNow();
        }
    }
}
