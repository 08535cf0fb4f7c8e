package dev.gavel.system;

import dev.gavel.embedded.Ports;
import dev.gavel.events.Topics;
import dev.gavel.launcher.Platform;
import dev.gavel.launcher.PlatformConfig;
import dev.gavel.testkit.KafkaTestClient;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The engine closes exactly once: across a restart of bidding-service, and with two of its replicas racing. */
@ExtendWith(GavelPlatformExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BiddingEngineIT {

    static PlatformConfig config;
    static Platform platform;

    @BeforeAll
    static void setUp() {
        config = GavelPlatformExtension.config();
        platform = GavelPlatformExtension.platform();
        GavelPlatformExtension.restAssuredThroughGateway();
    }

    static String auctionEndingIn(String sellerToken, int seconds) {
        String id = given().auth().oauth2(sellerToken).contentType(ContentType.JSON)
                .body(Map.of("title", "Closing test", "description", "Ends soon.", "startingPrice", 10,
                        "minIncrement", 1, "endsAt", Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS).toString()))
                .post("/api/auctions").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                given().get("/api/bids/auctions/" + id + "/state").statusCode() == 200);
        return id;
    }

    /** Every {@code auction-closed} of the auction written so far: the topic read from its start to its end now. */
    static List<ConsumerRecord<String, String>> closedEvents(String auctionId) {
        return KafkaTestClient.readToEnd("127.0.0.1:" + config.kafkaPort(), Topics.AUCTION_CLOSED,
                r -> auctionId.equals(r.key()));
    }

    /** The engine's sequence of the auction: one step per bid and one for the close. */
    static int engineSequence(String auctionId) {
        return given().get("/api/bids/auctions/" + auctionId + "/state").then().statusCode(200)
                .extract().path("sequence");
    }

    @Test
    @Order(1)
    void twoEngineReplicasCloseAnAuctionOnce() {
        platform.startReplica("bidding-service", Ports.freePort());
        String seller = FirstBidEndToEndIT.register("Twin");
        String bidder = FirstBidEndToEndIT.register("Tess");
        String auctionId = auctionEndingIn(seller, 8);
        given().auth().oauth2(bidder).contentType(ContentType.JSON).body(Map.of("auctionId", auctionId, "amount", 10))
                .post("/api/bids").then().statusCode(201);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                given().get("/api/auctions/" + auctionId).then().body("status", equalTo("CLOSED")));
        assertEquals(2, engineSequence(auctionId), "one bid and one close");
        assertEquals(1, closedEvents(auctionId).size(), "one auction-closed");
    }

    @Test
    @Order(2)
    void anAuctionThatEndsWhileTheEngineIsDownClosesWhenItIsBack() {
        String seller = FirstBidEndToEndIT.register("Rita");
        String bidder = FirstBidEndToEndIT.register("Rob");
        // long enough for the engine's graceful stop to finish before the end, on a busy 2-core machine too
        String auctionId = auctionEndingIn(seller, 20);
        given().auth().oauth2(bidder).contentType(ContentType.JSON).body(Map.of("auctionId", auctionId, "amount", 12))
                .post("/api/bids").then().statusCode(201);
        // every engine replica goes down (the extra one of the previous test too, if it ran)
        platform.services().stream().filter(s -> s.name().equals("bidding-service") && s.port() != config.port("bidding-service"))
                .forEach(platform::stop);
        platform.stopService("bidding-service");
        try {
            Instant endsAt = Instant.parse(given().get("/api/auctions/" + auctionId).then().extract().path("endsAt"));
            await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(endsAt.plusSeconds(1)));
            given().get("/api/auctions/" + auctionId).then().body("status", equalTo("ACTIVE"));
        } finally {
            platform.startService("bidding-service"); // the other system tests need the engine, whatever happened
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/auctions/" + auctionId).then().body("status", equalTo("CLOSED"))
                        .body("outcome", equalTo("SOLD")).body("finalPrice", equalTo(12.0f)));
        assertEquals(2, engineSequence(auctionId), "one bid and one close");
        assertEquals(1, closedEvents(auctionId).size(), "one auction-closed");
    }
}
