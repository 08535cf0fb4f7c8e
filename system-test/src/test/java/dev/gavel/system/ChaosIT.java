package dev.gavel.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.events.Topics;
import dev.gavel.launcher.Platform;
import dev.gavel.launcher.PlatformConfig;
import dev.gavel.launcher.ServiceSpec;
import dev.gavel.testkit.KafkaTestClient;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reduced chaos scenario (the full one is {@code gavel-bench/run chaos}): a bid storm on an auction with live
 * watchers while bidding-service is killed with SIGKILL (and restarted by the platform's supervisor, as {@code ./run}
 * does), PostgreSQL is restarted, and notification-gateway is killed; the auction closes after it. Then the
 * invariants: every 201 stored exactly once, no key with two bids, every bid on {@code bid-placed} with gap-free
 * sequences, the catalog equal to the engine, one close, no 500, nothing dead-lettered, the outboxes drained, and
 * every watcher at the engine's final state without a gap that is not marked by a fresh snapshot.
 */
@ExtendWith(GavelPlatformExtension.class)
class ChaosIT {

    private static final ObjectMapper JSON = new ObjectMapper();
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

        // the auction closes (its end comes after the storm), in the engine and in the catalog
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> given().get("/api/auctions/" + auctionId).then()
                .statusCode(200).body("status", equalTo("CLOSED")));
        JsonNode engine = JSON.readTree(given().get("/api/bids/auctions/" + auctionId + "/state").asString());
        long finalSequence = engine.get("sequence").asLong();

        // no 500, every try-again answer retried to a real one
        assertFalse(storm.statuses.containsKey(500), "no 500: " + storm.statuses);
        assertTrue(storm.unanswered.isEmpty(), "every bid got a final answer: " + storm.unanswered.size());
        // no key with two bids; every 201 stored exactly once, and nothing else
        storm.accepted.forEach((key, ids) -> assertEquals(1, ids.size(), "key " + key + " answered with " + ids));
        Set<String> answered = storm.accepted.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        Set<String> stored = storedBids(auctionId);
        assertEquals(answered, stored, "the bids stored are exactly the bids answered 201");
        assertEquals(stored.size() + 1, finalSequence, "one sequence step per bid, one for the close");

        // every bid on bid-placed, sequences 1..n without a gap; one close
        String kafka = "127.0.0.1:" + config.kafkaPort();
        List<JsonNode> placed = events(kafka, Topics.BID_PLACED, auctionId);
        assertEquals(stored, placed.stream().map(e -> e.get("bidId").asText()).collect(Collectors.toSet()));
        TreeSet<Long> expected = LongStream.rangeClosed(1, stored.size()).boxed()
                .collect(Collectors.toCollection(TreeSet::new));
        TreeSet<Long> sequences = placed.stream().map(e -> e.get("sequence").asLong())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, sequences, "bid-placed sequences 1..n, none missing");
        List<JsonNode> closes = events(kafka, Topics.AUCTION_CLOSED, auctionId);
        assertEquals(1, closes.stream().map(e -> e.get("eventId").asText()).distinct().count(), "one close");

        // the catalog equals the engine
        given().get("/api/auctions/" + auctionId).then()
                .body("bidCount", equalTo(engine.get("bidCount").asInt()))
                .body("finalPrice", equalTo(engine.get("currentPrice").floatValue()));

        // nothing dead-lettered, the outboxes drained
        assertTrue(deadLettered(kafka, auctionId).isEmpty(), "dead-lettered: " + deadLettered(kafka, auctionId));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(0, unrelayedOutboxRows()));

        // every watcher ends at the engine's state, and each gap it saw is marked by a fresh snapshot
        await().atMost(Duration.ofSeconds(30)).until(() ->
                watchers.stream().allMatch(w -> w.lastSequence() == finalSequence));
        for (ReconnectingWatcher watcher : watchers) {
            assertEquals("auction-closed", watcher.lastFrame().get("type").asText());
            for (List<JsonNode> connection : watcher.connections()) {
                checkNoUnmarkedGap(connection);
            }
            watcher.close();
        }
    }

    /** A connection begins with a snapshot; each frame's sequence follows the previous one or is a fresh snapshot. */
    static void checkNoUnmarkedGap(List<JsonNode> frames) {
        if (frames.isEmpty()) {
            return; // refused while the gateway was starting
        }
        assertEquals("snapshot", frames.get(0).get("type").asText(), "a connection starts with a snapshot");
        long previous = frames.get(0).get("sequence").asLong();
        for (JsonNode frame : frames.subList(1, frames.size())) {
            long sequence = frame.get("sequence").asLong();
            assertTrue(sequence > previous, "never twice or backwards: " + previous + " then " + frame);
            assertTrue(sequence == previous + 1 || "snapshot".equals(frame.get("type").asText()),
                    "a gap after " + previous + " is marked by a snapshot: " + frame);
            previous = sequence;
        }
    }

    static Set<String> storedBids(String auctionId) {
        Set<String> ids = new HashSet<>();
        for (int page = 0; ; page++) {
            List<String> items = given().queryParam("auctionId", auctionId).queryParam("page", page)
                    .queryParam("size", 100).get("/api/bids").then().statusCode(200).extract().path("items.bidId");
            ids.addAll(items);
            if (items.size() < 100) {
                return ids;
            }
        }
    }

    static List<JsonNode> events(String kafka, String topic, String auctionId) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, String> r : KafkaTestClient.readToEnd(kafka, topic, r -> auctionId.equals(r.key()))) {
            events.add(JSON.readTree(r.value()));
        }
        return events;
    }

    static List<String> deadLettered(String kafka, String auctionId) throws Exception {
        List<String> dead = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            for (String topic : admin.listTopics().names().get()) {
                if (topic.endsWith(".dlq")) {
                    KafkaTestClient.readToEnd(kafka, topic, r -> auctionId.equals(r.key()))
                            .forEach(r -> dead.add(topic + ": " + r.value()));
                }
            }
        }
        return dead;
    }

    static long unrelayedOutboxRows() throws Exception {
        long rows = 0;
        for (ServiceSpec spec : ServiceSpec.ALL) {
            if (spec.database() == null) {
                continue;
            }
            String url = "jdbc:postgresql://127.0.0.1:" + config.postgresPort() + "/" + spec.database();
            try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
                 ResultSet exists = db.createStatement().executeQuery("SELECT to_regclass('outbox_event') IS NOT NULL")) {
                exists.next();
                if (exists.getBoolean(1)) {
                    try (ResultSet count = db.createStatement().executeQuery("SELECT count(*) FROM outbox_event")) {
                        count.next();
                        rows += count.getLong(1);
                    }
                }
            }
        }
        return rows;
    }
}
