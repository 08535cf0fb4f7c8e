package dev.gavel.system;

import dev.gavel.embedded.Ports;
import dev.gavel.events.Topics;
import dev.gavel.launcher.Platform;
import dev.gavel.launcher.PlatformConfig;
import dev.gavel.launcher.ServiceProcess;
import dev.gavel.testkit.KafkaTestClient;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

/**
 * The engine closes exactly once with two of its replicas racing. (Across a crash of the engine: ChaosIT, where an
 * auction ends while bidding-service is killed.)
 */
@ExtendWith(GavelPlatformExtension.class)
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
    void twoEngineReplicasCloseAnAuctionOnce() {
        ServiceProcess replica = platform.startReplica("bidding-service", Ports.freePort());
        try {
            String seller = FirstBidEndToEndIT.register("Twin");
            String bidder = FirstBidEndToEndIT.register("Tess");
            // the replica joining rebalances the engine's consumer group, which holds back the catalog's events for a
            // while on a loaded machine: an auction the engine knows first, so that the one below, which must take a
            // bid within its 8 s, is not published into the rebalance (CI saw its bid arrive after the end: 409)
            auctionEndingIn(seller, 60);
            String auctionId = auctionEndingIn(seller, 8);
            given().auth().oauth2(bidder).contentType(ContentType.JSON).body(Map.of("auctionId", auctionId, "amount", 10))
                    .post("/api/bids").then().statusCode(201);
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                    given().get("/api/auctions/" + auctionId).then().body("status", equalTo("CLOSED")));
            assertEquals(2, engineSequence(auctionId), "one bid and one close");
            assertEquals(1, closedEvents(auctionId).size(), "one auction-closed");
        } finally {
            platform.stop(replica); // the other system tests expect one engine
        }
    }
}
