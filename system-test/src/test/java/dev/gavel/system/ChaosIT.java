package dev.gavel.system;

import dev.gavel.bench.chaos.BidStorm;
import dev.gavel.bench.chaos.Invariants;
import dev.gavel.bench.chaos.ReconnectingWatcher;
import dev.gavel.events.Topics;
import dev.gavel.launcher.Platform;
import dev.gavel.launcher.PlatformConfig;
import dev.gavel.launcher.ServiceSpec;
import dev.gavel.testkit.KafkaTestClient;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reduced chaos scenario (the full one is {@code gavel-bench/run chaos}, with the same storm, watchers and
 * {@link Invariants}): a bid storm on an auction with live watchers while bidding-service and notification-gateway
 * are killed with SIGKILL (and restarted by the platform's supervisor, as {@code ./run} does) and PostgreSQL is
 * restarted; the auction closes after it, and a second auction ends while the engine is down. Then the
 * invariants: every 201 stored exactly once, no key with two bids, every bid on {@code bid-placed} with gap-free
 * sequences, the catalog equal to the engine, one close, no 500, nothing dead-lettered, the outboxes drained, and
 * every watcher at the engine's final state without a gap that is not marked by a fresh snapshot.
 */
@ExtendWith(GavelPlatformExtension.class)
class ChaosIT {

    static PlatformConfig config;
    static Platform platform;

    @BeforeAll
    static void setUp() {
        config = GavelPlatformExtension.config();
        platform = GavelPlatformExtension.platform();
        GavelPlatformExtension.restAssuredThroughGateway();
    }

    @Test
    void theInvariantsHoldThroughAKilledEngineARestartedDatabaseAndAKilledGateway() throws Exception {
        String seller = Accounts.signUp("Chaotic");
        List<String> bidders = List.of(Accounts.signUp("Stormy"), Accounts.signUp("Gusty"),
                Accounts.signUp("Windy"));
        String auctionId = given().auth().oauth2(seller).contentType(ContentType.JSON)
                .body(Map.of("title", "Chaos lot", "description", "Sold whatever happens.", "startingPrice", 10,
                        "minIncrement", 1, "endsAt", Instant.now().plusSeconds(90).truncatedTo(ChronoUnit.SECONDS).toString()))
                .post("/api/auctions").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().get("/api/bids/auctions/" + auctionId + "/state").statusCode() == 200);

        List<ReconnectingWatcher> watchers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            watchers.add(new ReconnectingWatcher(config.gatewayPort(), auctionId));
        }
        BidStorm storm = new BidStorm(config.gatewayPort(), auctionId, bidders);
        String closedDuringOutage = null;
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> storm.acceptedCount() >= 20);

            // a second auction, with a bid, ends while the engine is down: it must close once when the engine is back
            String endsInOutage = BiddingEngineIT.auctionEndingIn(seller, 6);
            given().auth().oauth2(bidders.get(0)).contentType(ContentType.JSON)
                    .body(Map.of("auctionId", endsInOutage, "amount", 12)).post("/api/bids").then().statusCode(201);
            closedDuringOutage = endsInOutage;

            // the engine and the live gateway crash together; the supervisor starts both again (as ./run does),
            // and watchers reconnect to the new gateway
            int engineRestarts = platform.restarts("bidding-service");
            int gatewayRestarts = platform.restarts("notification-gateway");
            platform.kill("bidding-service");
            platform.kill("notification-gateway");
            await().atMost(Duration.ofSeconds(90)).until(() -> platform.restarts("bidding-service") > engineRestarts
                    && platform.restarts("notification-gateway") > gatewayRestarts);
            int afterCrash = storm.acceptedCount();
            await("bids accepted after the restarts " + storm.statuses).atMost(Duration.ofSeconds(60))
                    .until(() -> storm.acceptedCount() >= afterCrash + 10);

            // the database goes away for a few seconds
            platform.restartPostgres(Duration.ofSeconds(3));
            int afterDatabase = storm.acceptedCount();
            await("bids accepted after the database's restart " + storm.statuses).atMost(Duration.ofSeconds(60))
                    .until(() -> storm.acceptedCount() >= afterDatabase + 10);
        } finally {
            storm.close();
        }

        // the auction closes (its end comes after the storm) and everything converges; then the invariants
        Invariants invariants = new Invariants(config, auctionId);
        await().atMost(Duration.ofSeconds(150)).until(() -> invariants.converged(watchers));
        assertEquals(List.of(), invariants.violations(storm, watchers));
        assertTrue(storm.count(503) + storm.count(-1) > 0, "the faults were felt: " + storm.statuses);
        assertFalse(storm.statuses.containsKey(502), "a service that is down is 503 at the gateway: " + storm.statuses);
        // the auction that ended during the engine's outage closed once, sold to its one bid
        String late = closedDuringOutage;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/auctions/" + late).then()
                .body("status", org.hamcrest.Matchers.equalTo("CLOSED")).body("outcome", org.hamcrest.Matchers.equalTo("SOLD"))
                .body("finalPrice", org.hamcrest.Matchers.equalTo(12.0f)));
        assertEquals(1, KafkaTestClient.readToEnd("127.0.0.1:" + config.kafkaPort(), Topics.AUCTION_CLOSED,
                r -> late.equals(r.key())).size(), "one auction-closed for the auction that ended during the outage");

        // and every service is ready again: no pooled connection from before the database's restart is handed out
        for (ServiceSpec spec : ServiceSpec.ALL) {
            given().baseUri("http://127.0.0.1").port(config.port(spec.name())).get("/q/health/ready")
                    .then().statusCode(200);
        }
        for (ReconnectingWatcher watcher : watchers) {
            assertEquals("auction-closed", watcher.lastFrame().get("type").asText());
            assertTrue(watcher.connections().size() > 1, "the gateway's restart reconnected every watcher");
            watcher.close();
        }
    }
}
