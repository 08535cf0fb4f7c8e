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
}
