package dev.gavel.system;

import com.sun.net.httpserver.HttpServer;
import dev.gavel.embedded.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compose's API gateway, run for real: nginx (Debian's package) with deploy/compose/nginx.conf, its upstreams pointed
 * at a recording stand-in on this machine. Needs nginx: runs when it is installed, fails when it is missing under CI
 * ({@code .ci/run} installs it).
 */
class ComposeGatewayTest {

    static final String SECRET = "eyJhbGciOiJSUzI1NiJ9.secret-token-payload.signature";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static Path home;
    static Process nginx;
    static HttpServer upstream;
    static int port;
    static final List<String> seenPaths = new CopyOnWriteArrayList<>();
    static final Map<String, String> seenForwardedFor = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Path binary = List.of("/usr/sbin/nginx", "/usr/bin/nginx").stream().map(Path::of).filter(Files::isExecutable)
                .findFirst().orElse(null);
        if (binary == null) {
            assertFalse("true".equals(System.getenv("CI")), "nginx is missing: .ci/run installs it (apt-get install nginx)");
            Assumptions.abort("nginx is not installed");
        }
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            seenPaths.add(path);
            seenForwardedFor.put(path, String.valueOf(exchange.getRequestHeaders().getFirst("X-Forwarded-For")));
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();

        home = Files.createTempDirectory("gavel-nginx");
        port = Ports.freePort();
        String config = Files.readString(DeploymentManifestsTest.REPO.resolve("deploy/compose/nginx.conf"))
                .replace("resolver 127.0.0.11 valid=10s;", "resolver 127.0.0.1;")
                // payment-service is down: nothing listens on its port
                .replace("http://payment-service:8086", "http://127.0.0.1:" + Ports.freePort())
                .replaceAll("http://[a-z-]+:\\d+", "http://127.0.0.1:" + upstream.getAddress().getPort())
                .replace("listen 8080;", "listen 127.0.0.1:" + port + ";")
                .replace("access_log /dev/stdout gavel;", "access_log " + home.resolve("access.log") + " gavel;")
                .replace("http {", "http {\n    client_body_temp_path " + home.resolve("body") + ";\n"
                        + "    proxy_temp_path " + home.resolve("proxy") + ";\n"
                        + "    fastcgi_temp_path " + home.resolve("fastcgi") + ";\n"
                        + "    uwsgi_temp_path " + home.resolve("uwsgi") + ";\n"
                        + "    scgi_temp_path " + home.resolve("scgi") + ";\n");
        assertTrue(config.contains("access_log " + home.resolve("access.log")), "the access log line was found");
        Files.writeString(home.resolve("nginx.conf"), config);
        nginx = new ProcessBuilder(binary.toString(), "-p", home.toString(), "-c", home.resolve("nginx.conf").toString(),
                "-e", home.resolve("error.log").toString(),
                "-g", "daemon off; master_process off; pid " + home.resolve("nginx.pid") + ";")
                .redirectErrorStream(true).redirectOutput(home.resolve("nginx.out").toFile()).start();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            if (!nginx.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(home.resolve("nginx.out")));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    static HttpResponse<String> get(String rawPath, String forwardedFor) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + rawPath)).GET();
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTokenInTheQueryNeverReachesTheAccessLog() throws Exception {
        assertEquals(200, get("/ws/notifications?access_token=" + SECRET, null).statusCode());
        assertEquals(200, get("/api/auctions?q=" + SECRET, null).statusCode());
        Path log = home.resolve("access.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(log)
                && Files.readString(log).contains("/api/auctions"));
        String logged = Files.readString(log);
        assertTrue(logged.contains("GET /ws/notifications HTTP/1.1"), logged);
        assertFalse(logged.contains("secret-token"), "no query in the access log: " + logged);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/bids/../../q/health", "/ws/%2e%2e/q/metrics", "/api/bids/..%2f..%2fq%2fhealth",
            "/api/auctions/%2E%2E/%2E%2E/q/health", "/api/bids//q/health", "/api/users/%252e%252e/q"})
    void dotSegmentPathsAreRefusedAtTheEdge(String path) throws Exception {
        assertEquals(400, get(path, null).statusCode(), path);
        assertTrue(seenPaths.stream().noneMatch(p -> p.contains("/q")), "nothing reached a service: " + seenPaths);
    }

    @Test
    void theClientCannotChooseItsForwardedAddress() throws Exception {
        assertEquals(200, get("/api/auth/login-probe", "203.0.113.66").statusCode());
        assertEquals("127.0.0.1", seenForwardedFor.get("/api/auth/login-probe"), "the address nginx saw, not the client's");
    }

    @Test
    void aServiceThatIsDownIs503WithRetryAfterNot502() throws Exception {
        HttpResponse<String> answer = get("/api/payments/orders", null);
        assertEquals(503, answer.statusCode());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
        assertEquals("2", answer.headers().firstValue("Retry-After").orElse(null));
        assertTrue(answer.body().contains("\"code\":\"SERVICE_UNAVAILABLE\""), answer.body());
        assertTrue(answer.headers().firstValue("Strict-Transport-Security").isPresent());
    }

    @Test
    void everyAnswerCarriesHsts() throws Exception {
        assertTrue(get("/api/auctions", null).headers().firstValue("Strict-Transport-Security").orElse("")
                .startsWith("max-age="));
        assertTrue(get("/api/bids/../../q/health", null).headers().firstValue("Strict-Transport-Security").isPresent(),
                "refusals too");
    }
}
