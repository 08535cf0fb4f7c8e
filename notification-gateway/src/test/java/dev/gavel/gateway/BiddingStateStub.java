package dev.gavel.gateway;

import dev.gavel.testkit.HttpStub;
import dev.gavel.testkit.HttpStub.Reply;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for bidding-service's {@code GET /api/bids/auctions/{id}/state} in this module's tests (the real
 * service is exercised end to end by the system test). Unknown auctions answer 404.
 */
public class BiddingStateStub implements QuarkusTestResourceLifecycleManager {

    static final Map<String, String> STATES = new ConcurrentHashMap<>();
    private HttpStub server;

    @Override
    public Map<String, String> start() {
        server = HttpStub.start(Map.of("/api/bids/auctions/", request -> {
            String[] parts = request.path().split("/");
            String state = parts.length > 4 ? STATES.get(parts[4]) : null;
            return state == null ? Reply.status(404) : Reply.json(state);
        }));
        return Map.of("quarkus.rest-client.bidding.url", server.url());
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
            server.close();
        }
    }
}
