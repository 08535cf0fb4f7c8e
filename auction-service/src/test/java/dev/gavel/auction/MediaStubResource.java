package dev.gavel.auction;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for media-service's {@code GET /api/media/{id}/info}, for auction-service's own tests only (the system
 * test uses the real media-service). Tests register media through {@link #upload(UUID)}; media registered by
 * {@link #broken()} answers 500, as a failing media-service would.
 */
public class MediaStubResource implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;
    private final Map<String, String> owners = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/stub/media", exchange -> {
            String owner = exchange.getRequestURI().getQuery().replace("owner=", "");
            String id = UUID.randomUUID().toString();
            owners.put(id, owner);
            reply(exchange, 201, id);
        });
        server.createContext("/api/media/", exchange -> {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            String owner = parts.length == 5 && parts[4].equals("info") ? owners.get(parts[3]) : null;
            if (owner == null) {
                reply(exchange, 404, "{\"status\":404}");
            } else if (owner.equals("broken")) {
                reply(exchange, 500, "{\"status\":500}");
            } else {
                reply(exchange, 200, """
                        {"id":"%s","ownerId":"%s","contentType":"image/png","width":64,"height":48,"size":1234,
                         "createdAt":"2026-11-21T10:00:00Z"}""".formatted(parts[3], owner));
            }
        });
        server.start();
        return Map.of("quarkus.rest-client.media.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A media id that the stub reports as uploaded by {@code owner}. */
    public static UUID upload(UUID owner) {
        return register(owner.toString());
    }

    /** A media id whose lookup fails with a 500. */
    public static UUID broken() {
        return register("broken");
    }

    private static UUID register(String owner) {
        String base = ConfigProvider.getConfig().getValue("quarkus.rest-client.media.url", String.class);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(base + "/stub/media?owner=" + owner))
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            return UUID.fromString(response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("media stub unreachable", e);
        }
    }
}
