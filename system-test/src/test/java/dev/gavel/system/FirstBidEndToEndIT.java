package dev.gavel.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.launcher.PlatformConfig;
import dev.gavel.launcher.ServiceSpec;
import dev.gavel.testkit.WsTestClient;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The walking skeleton, end to end through the API gateway: register a seller and a bidder, the seller creates an
 * auction ending a few seconds later, a WebSocket client subscribes, the bidder bids twice, the client receives both
 * bids in order and then the close, and the catalog shows the auction CLOSED / SOLD.
 */
@ExtendWith(GavelPlatformExtension.class)
class FirstBidEndToEndIT {

    static final Duration WAIT = Duration.ofSeconds(20);
    static PlatformConfig config;
    static String gateway;

    @BeforeAll
    static void startPlatform() {
        config = GavelPlatformExtension.config();
        gateway = "http://localhost:" + config.gatewayPort();
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = config.gatewayPort();
    }

    /** A verified account, signed up through the gateway and the mail catcher (see {@link Accounts}). */
    static String register(String name) {
        return Accounts.signUp(name);
    }

    @Test
    void aBidTravelsFromHttpToTheLiveFeedAndTheAuctionClosesSold() {
        String seller = register("Sally");
        String bidder = register("Bob");

        Instant endsAt = Instant.now().plusSeconds(12).truncatedTo(ChronoUnit.SECONDS);
        String auctionId = given().auth().oauth2(seller).contentType(ContentType.JSON)
                .body(Map.of("title", "Grandfather clock", "description", "Still ticking.",
                        "startingPrice", 100, "minIncrement", 5, "endsAt", endsAt.toString()))
                .post("/api/auctions")
                .then().statusCode(201).body("status", equalTo("ACTIVE")).extract().path("id");

        // the engine learns about the auction from the auction-published event
        await().atMost(WAIT).until(() ->
                given().get("/api/bids/auctions/" + auctionId + "/state").statusCode() == 200);

        URI feed = URI.create("ws://localhost:" + config.gatewayPort() + "/ws/auctions/" + auctionId);
        try (WsTestClient client = WsTestClient.connect(feed)) {
            JsonNode snapshot = client.next(WAIT);
            assertEquals("snapshot", snapshot.get("type").asText());
            assertEquals(0, snapshot.get("bidCount").asInt());

            given().auth().oauth2(bidder).contentType(ContentType.JSON)
                    .body(Map.of("auctionId", auctionId, "amount", 100))
                    .post("/api/bids").then().statusCode(201).body("status", equalTo("LEADING"));
            given().auth().oauth2(bidder).contentType(ContentType.JSON)
                    .body(Map.of("auctionId", auctionId, "amount", 120))
                    .post("/api/bids").then().statusCode(201).body("currentPrice", equalTo(120.0f));

            JsonNode first = client.next(WAIT);
            JsonNode second = client.next(WAIT);
            assertEquals("bid-placed", first.get("type").asText());
            assertEquals("bid-placed", second.get("type").asText());
            assertEquals(1, first.get("sequence").asLong());
            assertEquals(2, second.get("sequence").asLong());
            assertEquals(0, first.get("amount").decimalValue().compareTo(new java.math.BigDecimal("100")));
            assertEquals(0, second.get("amount").decimalValue().compareTo(new java.math.BigDecimal("120")));
            assertEquals("Bob", second.get("bidder").get("displayName").asText());

            JsonNode closed = client.next(Duration.ofSeconds(40));
            assertEquals("auction-closed", closed.get("type").asText());
            assertEquals("SOLD", closed.get("outcome").asText());
            assertEquals(0, closed.get("finalPrice").decimalValue().compareTo(new java.math.BigDecimal("120")));
            assertEquals("Bob", closed.get("winner").get("displayName").asText());
        }

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/auctions/" + auctionId).then()
                .statusCode(200)
                .body("status", equalTo("CLOSED"))
                .body("outcome", equalTo("SOLD"))
                .body("finalPrice", equalTo(120.0f))
                .body("bidCount", equalTo(2)));
    }

    @Test
    void everyServiceIsReadyAndReachableThroughTheGateway() {
        for (ServiceSpec spec : ServiceSpec.ALL) {
            given().baseUri("http://localhost").port(config.port(spec.name())).get("/q/health/ready")
                    .then().statusCode(200).body("status", equalTo("UP"));
        }
        given().get("/.well-known/jwks.json").then().statusCode(200).body("keys[0].alg", equalTo("RS256"));
        given().get("/api/users/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/auctions/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().queryParam("auctionId", UUID.randomUUID()).get("/api/bids").then().statusCode(404);
        given().get("/api/media/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/api/not-a-service").then().statusCode(404).contentType("application/problem+json");
        given().accept("text/html").get("/not-a-page").then().statusCode(404).contentType(org.hamcrest.Matchers.containsString("text/html"));
        given().get("/").then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/html"));
    }
}
