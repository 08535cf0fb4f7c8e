package dev.gavel.system;

import dev.gavel.bench.chaos.BidStorm;
import dev.gavel.bench.chaos.Invariants;
import dev.gavel.bench.chaos.ReconnectingWatcher;
import dev.gavel.launcher.Platform;
import dev.gavel.launcher.PlatformConfig;
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
 * {@link Invariants}): a bid storm on an auction with live
 * watchers while bidding-service is killed with SIGKILL (and restarted by the platform's supervisor, as {@code ./run}
 * does), PostgreSQL is restarted, and notification-gateway is killed; the auction closes after it. Then the
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
                        "minIncrement", 1, "endsAt", Instant.now().plusSeconds(100).truncatedTo(ChronoUnit.SECONDS).toString()))
                .post("/api/auctions").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().get("/api/bids/auctions/" + auctionId + "/state").statusCode() == 200);

        List<ReconnectingWatcher> watchers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            watchers.add(new ReconnectingWatcher(config.gatewayPort(), auctionId));
        }
        BidStorm storm = new BidStorm(config.gatewayPort(), auctionId, bidders);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> storm.acceptedCount() >= 20);

            // the engine crashes; the supervisor starts it again
            int restarts = platform.restarts("bidding-service");
            platform.kill("bidding-service");
            await().atMost(Duration.ofSeconds(90)).until(() -> platform.restarts("bidding-service") > restarts);
            int afterEngine = storm.acceptedCount();
            await("bids accepted after the engine's restart " + storm.statuses).atMost(Duration.ofSeconds(60))
                    .until(() -> storm.acceptedCount() >= afterEngine + 10);

            // the database goes away for a few seconds
            platform.restartPostgres(Duration.ofSeconds(3));
            int afterDatabase = storm.acceptedCount();
            await("bids accepted after the database's restart " + storm.statuses).atMost(Duration.ofSeconds(60))
                    .until(() -> storm.acceptedCount() >= afterDatabase + 10);

            // the live gateway crashes; watchers reconnect to the restarted one
            int gatewayRestarts = platform.restarts("notification-gateway");
            platform.kill("notification-gateway");
            await().atMost(Duration.ofSeconds(90)).until(() -> platform.restarts("notification-gateway") > gatewayRestarts);
            int afterGateway = storm.acceptedCount();
            await("bids accepted after the gateway's restart " + storm.statuses).atMost(Duration.ofSeconds(60))
                    .until(() -> storm.acceptedCount() >= afterGateway + 10);
        } finally {
            storm.close();
        }

        // the auction closes (its end comes after the storm) and everything converges; then the invariants
        Invariants invariants = new Invariants(config, auctionId);
        await().atMost(Duration.ofSeconds(150)).until(() -> invariants.converged(watchers));
        assertEquals(List.of(), invariants.violations(storm, watchers));
        assertTrue(storm.count(503) + storm.count(-1) > 0, "the faults were felt: " + storm.statuses);
        assertFalse(storm.statuses.containsKey(502), "a service that is down is 503 at the gateway: " + storm.statuses);
        for (ReconnectingWatcher watcher : watchers) {
            assertEquals("auction-closed", watcher.lastFrame().get("type").asText());
            assertTrue(watcher.connections().size() > 1, "the gateway's restart reconnected every watcher");
            watcher.close();
        }
    }
}
