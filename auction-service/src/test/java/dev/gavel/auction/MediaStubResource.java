package dev.gavel.auction;

import dev.gavel.testkit.HttpStub;
import dev.gavel.testkit.HttpStub.Reply;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for media-service's {@code GET /api/media/{id}/info}, for auction-service's own tests only (the system
 * test uses the real media-service). Like media-service it answers only the owner: 401 without a bearer token, 404 for
 * someone else's media. Tests register media through {@link #upload(UUID)}; media registered by
 * {@link #broken()} answers 500, as a failing media-service would.
 */
public class MediaStubResource implements QuarkusTestResourceLifecycleManager {

    private HttpStub server;
    private final Map<String, String> owners = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        server = HttpStub.start(Map.of(
                "/stub/media", request -> {
                    String id = UUID.randomUUID().toString();
                    owners.put(id, request.query().replace("owner=", ""));
                    return new Reply(201, id);
                },
                "/api/media/", request -> {
                    String[] parts = request.path().split("/");
                    String owner = parts.length == 5 && parts[4].equals("info") ? owners.get(parts[3]) : null;
                    if (owner == null) {
                        return Reply.status(404);
                    }
                    if (owner.equals("broken")) {
                        return Reply.status(500);
                    }
                    // like media-service: owner ids only for the owner, whose token auction-service forwards
                    if (request.bearerSubject() == null) {
                        return Reply.status(401);
                    }
                    if (!owner.equals(request.bearerSubject())) {
                        return Reply.status(404);
                    }
                    return Reply.json("""
                            {"id":"%s","ownerId":"%s","contentType":"image/png","width":64,"height":48,"size":1234,
                             "createdAt":"2026-11-21T10:00:00Z"}""".formatted(parts[3], owner));
                }));
        return Map.of("quarkus.rest-client.media.url", server.url());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
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
