package dev.gavel.bidding;

import dev.gavel.bidding.repository.BidRepository;
import dev.gavel.testkit.PostgresResource;
import dev.gavel.testkit.TestClocks;
import dev.gavel.testkit.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.gavel.bidding.BiddingTestSupport.bid;
import static dev.gavel.bidding.BiddingTestSupport.now;
import static dev.gavel.bidding.BiddingTestSupport.publishAndAwait;
import static dev.gavel.bidding.BiddingTestSupport.terms;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine under more than it can take: a person bidding too fast, and PostgreSQL going away mid-storm. */
@BiddingTest
class OverloadAndOutageTest {

    @Inject
    BidRepository bids;

    @Test
    void aPersonBiddingFasterThanTheLimitGets429UntilTheBucketRefills() {
        String token = TestTokens.user(UUID.randomUUID(), "Bot");
        UUID nowhere = UUID.randomUUID(); // refused after the limit took its token: cheap, and nothing changes
        TestClocks.CLOCK.freeze(); // no refill while the burst is taken
        try {
            for (int i = 0; i < 300; i++) {
                bid(token, nowhere, 10).then().statusCode(404);
            }
            bid(token, nowhere, 10).then()
                    .statusCode(429)
                    .contentType("application/problem+json")
                    .header("Retry-After", "1")
                    .body("code", equalTo("TOO_MANY_BIDS"));
            // someone else is not affected
            bid(TestTokens.user(UUID.randomUUID(), "Human"), nowhere, 10).then().statusCode(404);
            // a second later the bucket has refilled by 150
            TestClocks.CLOCK.advance(Duration.ofSeconds(1));
            for (int i = 0; i < 150; i++) {
                bid(token, nowhere, 10).then().statusCode(404);
            }
            bid(token, nowhere, 10).then().statusCode(429);
        } finally {
            TestClocks.CLOCK.unfreeze();
        }
    }

    @Test
    void aDatabaseOutageDuringABidStormGives503sAndLosesNothing() throws Exception {
        Instant end = now().plus(Duration.ofHours(2));
        UUID auction = publishAndAwait(terms(UUID.randomUUID(), "1.00", null, "1.00", end, null));
        int bidders = 6;
        AtomicBoolean storming = new AtomicBoolean(true);
        AtomicInteger price = new AtomicInteger(1);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> missingRetryAfter = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(bidders);
        for (int b = 0; b < bidders; b++) {
            String token = TestTokens.user(UUID.randomUUID(), "Bidder " + b);
            pool.submit(() -> {
                while (storming.get()) {
                    String key = UUID.randomUUID().toString();
                    int amount = price.incrementAndGet();
                    // a client retries a 503 with the same Idempotency-Key, as a real one would
                    for (int attempt = 0; attempt < 50 && storming.get(); attempt++) {
                        Response r = given().auth().oauth2(token).contentType(ContentType.JSON)
                                .header("Idempotency-Key", key)
                                .body(Map.of("auctionId", auction.toString(), "amount", amount))
                                .post("/api/bids");
                        statuses.merge(r.statusCode(), 1, Integer::sum);
                        if (r.statusCode() == 503 && r.header("Retry-After") == null) {
                            missingRetryAfter.add(r.asString());
                        }
                        if (r.statusCode() == 201) {
                            accepted.add(r.path("bidId"));
                        }
                        if (r.statusCode() != 503) {
                            break;
                        }
                    }
                }
                return null;
            });
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> accepted.size() >= 20);
        try (PostgresResource.Outage outage = PostgresResource.outage()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> statuses.getOrDefault(503, 0) >= 20);
        }
        int acceptedBefore = accepted.size();
        await().atMost(Duration.ofSeconds(60)).until(() -> accepted.size() >= acceptedBefore + 20);
        storming.set(false);
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));

        assertFalse(statuses.containsKey(500), "no 500 during the outage: " + statuses);
        assertTrue(statuses.keySet().stream().allMatch(s -> s == 201 || s == 409 || s == 503),
                "accepted, outbid or unavailable only: " + statuses);
        assertTrue(missingRetryAfter.isEmpty(), "every 503 says when to retry: " + missingRetryAfter);
        // every 201 is stored exactly once, and nothing else is
        List<String> acceptedIds = List.copyOf(accepted);
        assertEquals(acceptedIds.size(), new HashSet<>(acceptedIds).size(), "no bid answered 201 twice");
        Set<String> stored = new HashSet<>();
        bids.list("auctionId", auction).forEach(b -> stored.add(b.id.toString()));
        assertEquals(new HashSet<>(acceptedIds), stored);
        given().get("/api/bids/auctions/" + auction + "/state").then().statusCode(200)
                .body("bidCount", equalTo(stored.size())).body("currentPrice", notNullValue());
    }
}
