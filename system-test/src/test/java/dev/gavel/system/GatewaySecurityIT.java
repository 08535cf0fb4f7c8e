package dev.gavel.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attacks on the public origin: what the gateway must never let through to a service. */
@ExtendWith(GavelPlatformExtension.class)
class GatewaySecurityIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Sends the path exactly as written (no client-side normalisation). */
    static HttpResponse<String> get(String rawPath) throws IOException, InterruptedException {
        URI uri = URI.create("http://localhost:" + GavelPlatformExtension.config().gatewayPort() + rawPath);
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/bids/../../q/health",
            "/api/bids/../../q/metrics",
            "/ws/%2e%2e/q/metrics",
            "/ws/%2E%2E/q/health",
            "/api/auctions/%2e%2e/%2e%2e/q/health",
            "/api/bids/..%2f..%2fq%2fhealth",
            "/api/users/.%2e/.%2e/q/openapi",
            "/api/bids//q/health",
    })
    void dotSegmentPathsNeverReachManagementEndpoints(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertTrue(response.statusCode() == 400 || response.statusCode() == 404, path + " -> " + response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertFalse(response.body().contains("\"checks\""), "no health report: " + response.body());
        assertFalse(response.body().contains("# HELP"), "no metrics");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health", "/q/metrics", "/q/openapi", "/q/swagger-ui/", "/q"})
    void managementEndpointsAreNotOnThePublicOrigin(String path) throws Exception {
        assertEquals(404, get(path).statusCode(), path);
    }

    @Test
    void ordinaryPathsStillWork() throws Exception {
        assertEquals(200, get("/.well-known/jwks.json").statusCode());
        assertEquals(404, get("/api/auctions/00000000-0000-4000-8000-000000000000").statusCode());
    }

    /** The system test runs the services as deployed (prod profile, GAVEL_API_DOCS unset): no API docs at all. */
    @Test
    void apiDocsAreOffInProductionUnlessConfigured() throws Exception {
        for (var spec : dev.gavel.launcher.ServiceSpec.ALL) {
            int port = GavelPlatformExtension.config().port(spec.name());
            for (String path : List.of("/q/openapi", "/q/swagger-ui/")) {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(404, response.statusCode(), spec.name() + path);
            }
        }
    }

    /** The gateway replaces X-Forwarded-For with the address it saw: rotating it does not escape the login limit. */
    @Test
    void fortyFailedLoginsWithRotatingForwardedForMeetA429() throws Exception {
        String email = "rotating-" + java.util.UUID.randomUUID() + "@example.com";
        HttpResponse<String> registered = post("/api/auth/register", "{\"email\":\"" + email
                + "\",\"password\":\"a long enough password\",\"displayName\":\"Target\",\"accountType\":\"INDIVIDUAL\"}",
                "203.0.113.7");
        assertEquals(201, registered.statusCode(), registered.body());
        int throttled = 0;
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> response = post("/api/auth/login", "{\"email\":\"" + email
                    + "\",\"password\":\"guess number " + i + "\"}", "198.51." + (i / 250) + "." + (i % 250));
            assertTrue(response.statusCode() == 401 || response.statusCode() == 429, response.body());
            throttled += response.statusCode() == 429 ? 1 : 0;
        }
        assertTrue(throttled >= 30, "the guesses were counted as coming from one address: " + throttled + " of 40");
    }

    static HttpResponse<String> post(String path, String json, String forwardedFor) throws Exception {
        URI uri = URI.create("http://localhost:" + GavelPlatformExtension.config().gatewayPort() + path);
        return HTTP.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Deployed services log one JSON object per line: a CR/LF in a title or a name cannot forge a line. */
    @Test
    void servicesLogStructuredJson() throws Exception {
        for (var spec : dev.gavel.launcher.ServiceSpec.ALL) {
            List<String> lines = java.nio.file.Files.readAllLines(
                    GavelPlatformExtension.config().logs().resolve(spec.name() + ".log"));
            List<String> quarkusLines = lines.stream().filter(l -> l.contains("io.quarkus")).toList();
            assertFalse(quarkusLines.isEmpty(), spec.name() + " logged something");
            for (String line : quarkusLines) {
                assertTrue(line.startsWith("{") && line.endsWith("}"), spec.name() + ": " + line);
            }
        }
    }

    /**
     * Logout and a password change end the personal feed through the whole chain: user-service's outbox, Kafka,
     * notification-gateway. The gateway reads from the latest offset, so the first part repeats a logout with a new
     * session until one has closed its feed; from then on the password change is a single, definite attempt.
     */
    @Test
    void theSignedInFeedEndsWithItsSession() throws Exception {
        String email = "feed-" + java.util.UUID.randomUUID() + "@example.com";
        String password = "a long enough password";
        HttpResponse<String> registered = post("/api/auth/register", "{\"email\":\"" + email + "\",\"password\":\""
                + password + "\",\"displayName\":\"Feed\",\"accountType\":\"INDIVIDUAL\"}", "203.0.113.9");
        assertEquals(201, registered.statusCode(), registered.body());
        String login = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> {
            var session = JSON.readTree(post("/api/auth/login", login, "203.0.113.9").body());
            try (var feed = personalFeed(session.get("accessToken").asText())) {
                assertEquals(204, post("/api/auth/logout", "{\"refreshToken\":\""
                        + session.get("refreshToken").asText() + "\"}", "203.0.113.9").statusCode());
                try {
                    return feed.awaitClose(java.time.Duration.ofSeconds(3)) == 4401;
                } catch (AssertionError stillOpen) {
                    return false;
                }
            }
        });
        var kept = JSON.readTree(post("/api/auth/login", login, "203.0.113.9").body());
        var other = JSON.readTree(post("/api/auth/login", login, "203.0.113.9").body());
        try (var first = personalFeed(kept.get("accessToken").asText());
             var second = personalFeed(other.get("accessToken").asText())) {
            HttpResponse<String> changed = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                    + GavelPlatformExtension.config().gatewayPort() + "/api/auth/password"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + kept.get("accessToken").asText())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"currentPassword\":\"" + password
                            + "\",\"newPassword\":\"another long password\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(204, changed.statusCode(), changed.body());
            assertEquals(4401, first.awaitClose(java.time.Duration.ofSeconds(15)), "every session ended");
            assertEquals(4401, second.awaitClose(java.time.Duration.ofSeconds(15)));
        }
    }

    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    static dev.gavel.testkit.WsTestClient personalFeed(String accessToken) {
        return dev.gavel.testkit.WsTestClient.connect(URI.create("ws://localhost:"
                + GavelPlatformExtension.config().gatewayPort() + "/ws/notifications"), "bearer", accessToken);
    }
}
