package dev.gavel.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.embedded.Ports;
import dev.gavel.launcher.PlatformConfig;
import dev.gavel.testkit.WsTestClient;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two notification-gateway replicas, no shared state: a bid reaches the watchers on both. */
@ExtendWith(GavelPlatformExtension.class)
class GatewayScaleOutIT {

    static PlatformConfig config;
    static int secondGateway;

    @BeforeAll
    static void startSecondReplica() {
        config = GavelPlatformExtension.config();
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = config.gatewayPort();
        secondGateway = Ports.freePort();
        GavelPlatformExtension.platform().startReplica("notification-gateway", secondGateway);
    }

    @Test
    void watchersOnEitherReplicaSeeTheSameBids() {
        String seller = FirstBidEndToEndIT.register("Sid");
        String bidder = FirstBidEndToEndIT.register("Bea");
        String auctionId = given().auth().oauth2(seller).contentType(ContentType.JSON)
                .body(Map.of("title", "Two views", "description", "Watched twice.", "startingPrice", 10,
                        "minIncrement", 1, "endsAt", Instant.now().plusSeconds(600).toString()))
                .post("/api/auctions").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                given().get("/api/bids/auctions/" + auctionId + "/state").statusCode() == 200);

        URI viaApiGateway = URI.create("ws://localhost:" + config.gatewayPort() + "/ws/auctions/" + auctionId);
        URI viaSecondReplica = URI.create("ws://localhost:" + secondGateway + "/ws/auctions/" + auctionId);
        try (WsTestClient first = WsTestClient.connect(viaApiGateway);
             WsTestClient second = WsTestClient.connect(viaSecondReplica)) {
            assertEquals("snapshot", first.next(Duration.ofSeconds(20)).get("type").asText());
            assertEquals("snapshot", second.next(Duration.ofSeconds(20)).get("type").asText());
            // a new replica's consumer joins its own group at the newest offset; bid until both see a bid
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                Object minNextBid = given().get("/api/bids/auctions/" + auctionId + "/state").path("minNextBid");
                given().auth().oauth2(bidder).contentType(ContentType.JSON)
                        .body(Map.of("auctionId", auctionId, "amount", minNextBid))
                        .post("/api/bids").then().statusCode(201);
                return first.pending() > 0 && second.pending() > 0;
            });
            JsonNode a = first.next(Duration.ofSeconds(5));
            JsonNode b = second.next(Duration.ofSeconds(5));
            assertEquals("bid-placed", a.get("type").asText());
            assertEquals("bid-placed", b.get("type").asText());
            // from here on both replicas deliver every bid, in the same order
            given().auth().oauth2(bidder).contentType(ContentType.JSON)
                    .body(Map.of("auctionId", auctionId, "amount", 500))
                    .post("/api/bids").then().statusCode(201);
            JsonNode lastA = drainUntilAmount(first, 500);
            JsonNode lastB = drainUntilAmount(second, 500);
            assertEquals(lastA.get("sequence").asLong(), lastB.get("sequence").asLong());
            assertEquals(lastA.get("bidId").asText(), lastB.get("bidId").asText());
        }
    }

    /** With two replicas, an outbid is stored once and mailed once (the inbox's consumer group is shared). */
    @Test
    void twoReplicasStoreAndMailAnOutbidOnce() {
        String seller = FirstBidEndToEndIT.register("Sol");
        String email = "olive-" + java.util.UUID.randomUUID() + "@example.com";
        String olive = Accounts.signUp("Olive", email);
        String rival = FirstBidEndToEndIT.register("Rex");
        given().auth().oauth2(olive).contentType(ContentType.JSON)
                .body(Map.of("email", Map.of("outbid", true, "auctionWon", true, "auctionSold", true,
                        "endingSoon", true, "payments", true)))
                .put("/api/notifications/preferences").then().statusCode(200);
        String first = auction(seller, "First lot");
        String second = auction(seller, "Second lot");
        bid(olive, first, 10);
        bid(rival, first, 20);
        Accounts.mailbox().await(email, "First lot");
        // a later outbid (another auction) marks the point by which a second copy of the first would be there too
        bid(olive, second, 10);
        bid(rival, second, 20);
        Accounts.mailbox().await(email, "Second lot");
        assertEquals(1, Accounts.mailbox().to(email).stream()
                .filter(m -> m.get("subject").asText().contains("outbid on \u201cFirst lot")).count(), "one mail");
        given().auth().oauth2(olive).get("/api/notifications?size=100").then().statusCode(200)
                .body("totalItems", org.hamcrest.Matchers.equalTo(2));
    }

    static String auction(String seller, String title) {
        String id = given().auth().oauth2(seller).contentType(ContentType.JSON)
                .body(Map.of("title", title, "description", "x", "startingPrice", 10, "minIncrement", 1,
                        // two hours: no ending-soon reminder joins the outbid notifications counted below
                        "endsAt", Instant.now().plusSeconds(7200).toString()))
                .post("/api/auctions").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                given().get("/api/bids/auctions/" + id + "/state").statusCode() == 200);
        return id;
    }

    static void bid(String token, String auctionId, int amount) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("auctionId", auctionId, "amount", amount))
                .post("/api/bids").then().statusCode(201);
    }

    private static JsonNode drainUntilAmount(WsTestClient client, int amount) {
        while (true) {
            JsonNode frame = client.next(Duration.ofSeconds(20));
            if ("bid-placed".equals(frame.get("type").asText()) && frame.get("amount").asInt() == amount) {
                return frame;
            }
        }
    }
}
