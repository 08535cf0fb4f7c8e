package dev.gavel.bidding;

import dev.gavel.testkit.TestClocks;
import dev.gavel.testkit.TestTokens;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.gavel.bidding.BiddingTestSupport.bid;
import static dev.gavel.bidding.BiddingTestSupport.now;
import static dev.gavel.bidding.BiddingTestSupport.publishAndAwait;
import static dev.gavel.bidding.BiddingTestSupport.terms;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scripted shill: a second account of the seller bids on each of the seller's auctions, only ever pushing the price
 * for the real buyer, and nowhere else. It is flagged with its reasons; the real buyer and an honest auction are not.
 */
@BiddingTest
class ShillSignalsTest {

    @Test
    @SuppressWarnings("unchecked")
    void aScriptedShillIsFlaggedWithItsReasonsAndAnHonestAuctionIsNot() {
        UUID seller = UUID.randomUUID();
        UUID otherSeller = UUID.randomUUID();
        UUID shill = UUID.randomUUID();
        UUID buyer = UUID.randomUUID();
        UUID collector = UUID.randomUUID();
        String shillToken = TestTokens.user(shill, "Shane");
        String buyerToken = TestTokens.user(buyer, "Bea");
        String collectorToken = TestTokens.user(collector, "Col");
        Instant end = now().plus(Duration.ofMinutes(30));

        List<UUID> rigged = List.of(
                publishAndAwait(terms(seller, "10.00", null, "1.00", end, null)),
                publishAndAwait(terms(seller, "10.00", null, "1.00", end, null)),
                publishAndAwait(terms(seller, "10.00", null, "1.00", end, null)));
        UUID honest = publishAndAwait(terms(otherSeller, "10.00", null, "1.00", end, null));
        UUID elsewhere = publishAndAwait(terms(otherSeller, "10.00", null, "1.00", end, null));
        for (UUID auction : rigged) {
            bid(buyerToken, auction, 10).then().statusCode(201);
            bid(shillToken, auction, 12).then().statusCode(201); // pushes the price...
            bid(buyerToken, auction, 14).then().statusCode(201);
            bid(shillToken, auction, 16).then().statusCode(201); // ...and again...
            bid(buyerToken, auction, 18).then().statusCode(201); // ...which the real buyer pays
        }
        // the buyer and a collector bid on another seller's auctions too, as people do: the collector loses both
        bid(buyerToken, honest, 11).then().statusCode(201);
        bid(collectorToken, honest, 13).then().statusCode(201);
        bid(buyerToken, honest, 15).then().statusCode(201);
        bid(collectorToken, elsewhere, 11).then().statusCode(201);
        bid(buyerToken, elsewhere, 12).then().statusCode(201);
        bid(collectorToken, elsewhere, 14).then().statusCode(201);
        bid(buyerToken, elsewhere, 16).then().statusCode(201);

        TestClocks.CLOCK.advance(Duration.between(now(), end).plusSeconds(3));
        await().atMost(Duration.ofSeconds(30)).until(() -> rigged.stream().allMatch(a ->
                "CLOSED".equals(given().get("/api/bids/auctions/" + a + "/state").path("status"))));

        Response answer = given().auth().oauth2(TestTokens.admin(UUID.randomUUID(), "Ada")).queryParam("limit", 200)
                .get("/api/bids/signals");
        answer.then().statusCode(200);
        List<Map<String, Object>> flagged = answer.jsonPath().getList("$");
        List<Map<String, Object>> shane = flagged.stream()
                .filter(f -> shill.toString().equals(f.get("bidderId"))).toList();
        assertEquals(1, shane.size(), "the shill is flagged: " + flagged);
        assertEquals(seller.toString(), shane.get(0).get("sellerId"));
        assertEquals(100, shane.get(0).get("score"));
        List<String> reasons = (List<String>) shane.get(0).get("reasons");
        assertTrue(reasons.stream().anyMatch(r -> r.contains("6 of their 6 bids")), String.valueOf(reasons));
        assertTrue(reasons.stream().anyMatch(r -> r.contains("won none")), String.valueOf(reasons));
        assertEquals(3, ((List<?>) shane.get(0).get("auctions")).size());

        assertTrue(flagged.stream().noneMatch(f -> buyer.toString().equals(f.get("bidderId"))), "the real buyer is not");
        assertTrue(flagged.stream().noneMatch(f -> collector.toString().equals(f.get("bidderId"))),
                "a collector who lost twice to a seller is not");
        assertTrue(flagged.stream().noneMatch(f -> ((List<?>) f.get("auctions")).contains(honest.toString())),
                "the honest auction is in no signal");

        // admins only
        given().auth().oauth2(shillToken).get("/api/bids/signals").then().statusCode(403);
        given().get("/api/bids/signals").then().statusCode(401);
    }
}
