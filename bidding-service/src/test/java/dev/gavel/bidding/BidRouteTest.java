package dev.gavel.bidding;

import dev.gavel.bidding.rest.BidRoute;
import dev.gavel.common.problem.Problem;
import dev.gavel.testkit.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static dev.gavel.bidding.BiddingTestSupport.bid;
import static dev.gavel.bidding.BiddingTestSupport.now;
import static dev.gavel.bidding.BiddingTestSupport.publishAndAwait;
import static dev.gavel.bidding.BiddingTestSupport.terms;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /api/bids} has two ways through bidding-service: {@link BidRoute} answers well-formed bids with a valid
 * token itself, and passes every other request on to BidResource. Each case here says which way it went and what the
 * client got; the answers are the ones BidResource gives (BidResourceTest and the rest run through both).
 */
@BiddingTest
class BidRouteTest {

    final UUID seller = UUID.randomUUID();
    final UUID alice = UUID.randomUUID();
    final String aliceToken = TestTokens.user(alice, "Alice");

    @Inject
    BidRoute route;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    UUID auction() {
        return publishAndAwait(terms(seller, "10.00", null, "1.00", now().plus(1, ChronoUnit.HOURS), null));
    }

    /** The response, and whether the route answered it itself. */
    <T> T taken(boolean expected, Supplier<T> request) {
        long before = route.taken();
        T response = request.get();
        assertEquals(expected ? before + 1 : before, route.taken(), expected ? "the route should have answered"
                : "the request should have gone on to BidResource");
        return response;
    }

    @Test
    void aWellFormedBidIsAnsweredByTheRouteAsBidResourceAnswersIt() {
        UUID auction = auction();
        taken(true, () -> bid(aliceToken, auction, 10)).then().statusCode(201).contentType(ContentType.JSON)
                .body("auctionId", equalTo(auction.toString())).body("amount", equalTo(10.0f))
                .body("status", equalTo("LEADING")).body("currentPrice", equalTo(10.0f))
                .body("minNextBid", equalTo(11.0f)).body("bidCount", equalTo(1)).body("bidId", notNullValue())
                .body("receivedAt", notNullValue()).body("serverTime", notNullValue());
        // a charset parameter is still JSON
        taken(true, () -> given().auth().oauth2(TestTokens.user(UUID.randomUUID(), "Carol"))
                .contentType("application/json; charset=UTF-8")
                .body(Map.of("auctionId", auction.toString(), "amount", 12)).post("/api/bids"))
                .then().statusCode(201).body("currentPrice", equalTo(12.0f));
        // the engine's refusal: the problem BidResource gives, with the decision's serverTime
        taken(true, () -> bid(aliceToken, auction, 12.5)).then().statusCode(409).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://gavel.dev/problems/bid-too-low")).body("title", equalTo("Conflict"))
                .body("status", equalTo(409)).body("instance", equalTo("/api/bids")).body("code", equalTo("BID_TOO_LOW"))
                .body("minNextBid", equalTo(13.0f)).body("serverTime", notNullValue());
        // a refusal before the engine: the caller's own checks
        taken(true, () -> bid(TestTokens.unverified(UUID.randomUUID(), "Throwaway"), auction, 20)).then()
                .statusCode(403).contentType(Problem.MEDIA_TYPE).body("code", equalTo("EMAIL_NOT_VERIFIED"))
                .body("instance", equalTo("/api/bids"));
        taken(true, () -> bid(aliceToken, UUID.randomUUID(), 20)).then().statusCode(404)
                .body("code", equalTo("AUCTION_NOT_FOUND"));
        given().get("/api/bids/auctions/" + auction + "/state").then().body("bidCount", equalTo(2))
                .body("currentPrice", equalTo(12.0f));
    }

    @Test
    void theSameIdempotencyKeyGetsTheSameBidThroughTheRoute() {
        UUID auction = auction();
        Supplier<Response> once = () -> given().auth().oauth2(aliceToken).contentType(ContentType.JSON)
                .header("Idempotency-Key", "route-" + auction).body(Map.of("auctionId", auction.toString(), "amount", 15))
                .post("/api/bids");
        String first = taken(true, once).then().statusCode(201).extract().path("bidId");
        String again = taken(true, once).then().statusCode(201).extract().path("bidId");
        assertEquals(first, again);
        taken(true, () -> given().auth().oauth2(aliceToken).contentType(ContentType.JSON)
                .header("Idempotency-Key", "route-" + auction).body(Map.of("auctionId", auction.toString(), "amount", 16))
                .post("/api/bids")).then().statusCode(422).contentType(Problem.MEDIA_TYPE);
        given().get("/api/bids/auctions/" + auction + "/state").then().body("bidCount", equalTo(1));
    }

    @Test
    void everyOtherRequestGoesOnToBidResourceAndGetsItsAnswer() throws Exception {
        UUID auction = auction();
        Map<String, Object> body = Map.of("auctionId", auction.toString(), "amount", 50);
        taken(false, () -> given().contentType(ContentType.JSON).body(body).post("/api/bids")).then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer");
        taken(false, () -> bid(TestTokens.expired(alice, "Alice"), auction, 50)).then().statusCode(401)
                .contentType(Problem.MEDIA_TYPE);
        taken(false, () -> bid(TestTokens.wrongIssuer(alice, "Alice"), auction, 50)).then().statusCode(401);
        taken(false, () -> bid(TestTokens.tampered(aliceToken, UUID.randomUUID()), auction, 50)).then()
                .statusCode(401);
        taken(false, () -> given().auth().oauth2(aliceToken).contentType(ContentType.TEXT).body("50")
                .post("/api/bids")).then().statusCode(415).contentType(Problem.MEDIA_TYPE);
        taken(false, () -> given().auth().oauth2(aliceToken).contentType(ContentType.JSON).accept(ContentType.HTML)
                .body(body).post("/api/bids")).then().statusCode(406);
        taken(false, () -> given().auth().oauth2(aliceToken).contentType(ContentType.JSON)
                .body("{\"auctionId\":\"nope\",\"amount\":5}").post("/api/bids")).then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("code", equalTo("MALFORMED_REQUEST"));
        taken(false, () -> bid(aliceToken, auction, 10.001)).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItems("amount"));
        taken(false, () -> given().auth().oauth2(aliceToken).contentType(ContentType.JSON).body("{}")
                .post("/api/bids")).then().statusCode(400).body("errors.field", hasItems("amount", "auctionId"));
        given().get("/api/bids/auctions/" + auction + "/state").then().body("bidCount", equalTo(0));

        // a body without a declared length (chunked) is read by Quarkus REST from what the route read: still a bid
        byte[] json = ("{\"auctionId\":\"" + auction + "\",\"amount\":10}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = taken(false, () -> postChunked(json));
        assertEquals(201, chunked.statusCode(), chunked.body());
        assertTrue(chunked.body().contains("\"status\":\"LEADING\""), chunked.body());
        given().get("/api/bids/auctions/" + auction + "/state").then().body("bidCount", equalTo(1));

        // and one over the size limit (1 MiB) is cut off with the problem it always got
        byte[] huge = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        HttpResponse<String> tooLarge = postChunked(huge);
        assertEquals(413, tooLarge.statusCode(), tooLarge.body());
        assertEquals(Problem.MEDIA_TYPE, tooLarge.headers().firstValue("Content-Type").orElse(null));
        assertTrue(tooLarge.body().contains("\"code\":\"BODY_TOO_LARGE\""), tooLarge.body());
        given().get("/api/bids/auctions/" + auction + "/state").then().body("bidCount", equalTo(1));
    }

    /** Alice's JSON POST to /api/bids with a body of no declared length (HTTP/1.1 chunked). */
    HttpResponse<String> postChunked(byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/bids"))
                .header("Authorization", "Bearer " + aliceToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        try {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
