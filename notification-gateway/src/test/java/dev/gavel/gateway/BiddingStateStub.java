package dev.gavel.gateway;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for bidding-service's {@code GET /api/bids/auctions/{id}/state} in this module's tests (the real
 * service is exercised end to end by the system test). Unknown auctions answer 404.
 */
public class BiddingStateStub implements QuarkusTestResourceLifecycleManager {

    static final Map<String, String> STATES = new ConcurrentHashMap<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/bids/auctions/", exchange -> {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            String state = parts.length > 4 ? STATES.get(parts[4]) : null;
            byte[] body = (state == null ? "{\"status\":404}" : state).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", state == null ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(state == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return Map.of("quarkus.rest-client.bidding.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    static void state(String auctionId, long sequence, String price) {
        STATES.put(auctionId, """
                {"auctionId":"%s","status":"ACTIVE","currentPrice":%s,"minNextBid":%s,"bidCount":%d,
                 "leadingBidder":null,"endsAt":"2030-01-01T00:00:00Z","reserveMet":true,"buyNowAvailable":false,
                 "sequence":%d}""".formatted(auctionId, price, price, sequence, sequence));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
