package dev.gavel.bidding;

import dev.gavel.bidding.service.AddressRetention;
import dev.gavel.common.http.ClientAddresses;
import dev.gavel.events.AuctionPublished;
import dev.gavel.testkit.TestClocks;
import dev.gavel.testkit.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
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
 * A scripted shill: a second account of the seller, made an hour before, bids from the seller's own address on each of
 * the seller's auctions, only ever pushing the price for the real buyer, and nowhere else. It is flagged with its
 * reasons; the real buyer and an honest auction are not. A friend bidding once from a seller's address is flagged for
 * that alone, until the addresses are forgotten (30 days).
 */
@BiddingTest
class ShillSignalsTest {

    static final String SELLERS_ADDRESS = "198.51.100.7";
    static final String FRIENDS_SELLERS_ADDRESS = "198.51.100.8";

    @Inject
    ClientAddresses addresses;

    @Inject
    AddressRetention retention;

    /** The seller's terms as auction-service publishes them: with the hashed address the seller listed from. */
    UUID listedFrom(String address, UUID seller, Instant end) {
        AuctionPublished t = terms(seller, "10.00", null, "1.00", end, null);
        return publishAndAwait(new AuctionPublished(t.eventId(), t.auctionId(), t.sellerId(), t.title(), t.type(),
                t.currency(), t.startingPrice(), t.reservePrice(), t.buyNowPrice(), t.minIncrement(), t.softClose(),
                t.startsAt(), t.endsAt(), t.publishedAt(), null, addresses.hash(address)));
    }

    /** A bid through the gateway, which names the client's address in X-Forwarded-For. */
    static Response bidFrom(String address, String token, UUID auction, int amount) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("X-Forwarded-For", address)
                .body(Map.of("auctionId", auction.toString(), "amount", amount)).post("/api/bids");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aScriptedShillIsFlaggedWithItsReasonsAndAnHonestAuctionIsNot() {
        UUID seller = UUID.randomUUID();
        UUID otherSeller = UUID.randomUUID();
        UUID friendsSeller = UUID.randomUUID();
        UUID shill = UUID.randomUUID();
        UUID buyer = UUID.randomUUID();
        UUID collector = UUID.randomUUID();
        UUID friend = UUID.randomUUID();
        String shillToken = TestTokens.userCreatedAt(shill, "Shane", now().minus(Duration.ofHours(1)));
        String buyerToken = TestTokens.userCreatedAt(buyer, "Bea", now().minus(Duration.ofDays(400)));
        String collectorToken = TestTokens.user(collector, "Col");
        String friendToken = TestTokens.userCreatedAt(friend, "Fred", now().minus(Duration.ofDays(400)));
        Instant end = now().plus(Duration.ofMinutes(30));

        List<UUID> rigged = List.of(listedFrom(SELLERS_ADDRESS, seller, end), listedFrom(SELLERS_ADDRESS, seller, end),
                listedFrom(SELLERS_ADDRESS, seller, end));
        UUID honest = publishAndAwait(terms(otherSeller, "10.00", null, "1.00", end, null));
        UUID elsewhere = publishAndAwait(terms(otherSeller, "10.00", null, "1.00", end, null));
        UUID friendly = listedFrom(FRIENDS_SELLERS_ADDRESS, friendsSeller, end);
        for (UUID auction : rigged) {
            bidFrom("192.0.2.10", buyerToken, auction, 10).then().statusCode(201);
            bidFrom(SELLERS_ADDRESS, shillToken, auction, 12).then().statusCode(201); // pushes the price...
            bidFrom("192.0.2.10", buyerToken, auction, 14).then().statusCode(201);
            bidFrom(SELLERS_ADDRESS, shillToken, auction, 16).then().statusCode(201); // ...and again...
            bidFrom("192.0.2.10", buyerToken, auction, 18).then().statusCode(201); // ...which the real buyer pays
        }
        // an old account, otherwise honest, bids on a friend's auction from the friend's address
        bidFrom(FRIENDS_SELLERS_ADDRESS, friendToken, friendly, 11).then().statusCode(201);
        bidFrom("192.0.2.10", buyerToken, friendly, 12).then().statusCode(201);
        bidFrom(FRIENDS_SELLERS_ADDRESS, friendToken, friendly, 13).then().statusCode(201);
        bidFrom("192.0.2.10", buyerToken, friendly, 14).then().statusCode(201);
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

        List<Map<String, Object>> flagged = signalsAbout(seller);
        List<Map<String, Object>> shane = flagged.stream()
                .filter(f -> shill.toString().equals(f.get("bidderId"))).toList();
        assertEquals(1, shane.size(), "the shill is flagged: " + flagged);
        assertEquals(seller.toString(), shane.get(0).get("sellerId"));
        assertEquals(100, shane.get(0).get("score"));
        List<String> reasons = (List<String>) shane.get(0).get("reasons");
        assertTrue(reasons.stream().anyMatch(r -> r.contains("6 of their 6 bids")), String.valueOf(reasons));
        assertTrue(reasons.stream().anyMatch(r -> r.contains("won none")), String.valueOf(reasons));
        assertTrue(reasons.stream().anyMatch(r -> r.contains("client address the seller listed from, on 3")),
                String.valueOf(reasons));
        assertTrue(reasons.stream().anyMatch(r -> r.contains("account created less than 24 hours")),
                String.valueOf(reasons));
        assertEquals(3, ((List<?>) shane.get(0).get("auctions")).size());
        assertEquals(rigged.get(2).toString(), shane.get(0).get("auctionId"), "the auction the shill bid on last");
        assertTrue(Instant.parse((String) shane.get(0).get("firstSeenAt")).isBefore(end), "the first bid on the seller");
        assertEquals(List.of(), given().auth().oauth2(TestTokens.admin(UUID.randomUUID(), "Ada"))
                .queryParam("sellerId", seller.toString()).queryParam("page", 1).get("/api/bids/signals")
                .then().statusCode(200).extract().jsonPath().getList("$"), "one page holds them all");

        List<Map<String, Object>> aboutFriend = signalsAbout(friendsSeller);
        List<Map<String, Object>> fred = aboutFriend.stream().filter(f -> friend.toString().equals(f.get("bidderId")))
                .toList();
        assertEquals(1, fred.size(), "bidding from the seller's address is flagged on its own: " + aboutFriend);
        assertEquals(40, fred.get(0).get("score"));
        assertEquals(List.of("bid from the client address the seller listed from, on 1 of their auctions"),
                fred.get(0).get("reasons"));

        assertEquals(1, flagged.size(), "the real buyer is not flagged: " + flagged);
        assertEquals(1, aboutFriend.size(), "nor is the real buyer on the friend's auction: " + aboutFriend);
        assertEquals(List.of(), signalsAbout(otherSeller),
                "the honest auctions are in no signal: a collector who lost twice to a seller is not flagged");

        // all sellers' pairs, newest first: the shill's pair is there too
        List<Map<String, Object>> all = given().auth().oauth2(TestTokens.admin(UUID.randomUUID(), "Ada"))
                .queryParam("limit", 200).get("/api/bids/signals").then().statusCode(200).extract().jsonPath().getList("$");
        assertTrue(all.stream().anyMatch(f -> shill.toString().equals(f.get("bidderId"))), "all sellers: " + all.size());

        // admins only
        given().auth().oauth2(shillToken).get("/api/bids/signals").then().statusCode(403);
        given().get("/api/bids/signals").then().statusCode(401);

        // addresses are kept 30 days: after that the friend's pair has nothing left to flag, the shill still does
        TestClocks.CLOCK.advance(Duration.ofDays(31));
        assertTrue(retention.forgetOld() >= 4, "the sellers' and the bidders' addresses are removed");
        assertEquals(List.of(), signalsAbout(friendsSeller));
        List<Map<String, Object>> later = signalsAbout(seller);
        assertTrue(later.size() == 1 && shill.toString().equals(later.get(0).get("bidderId"))
                && ((List<String>) later.get(0).get("reasons")).stream().noneMatch(r -> r.contains("address")),
                String.valueOf(later));
    }

    /** The signals about one seller's auctions, as an admin sees them. */
    static List<Map<String, Object>> signalsAbout(UUID seller) {
        return given().auth().oauth2(TestTokens.admin(UUID.randomUUID(), "Ada")).queryParam("sellerId", seller.toString())
                .get("/api/bids/signals").then().statusCode(200).extract().jsonPath().getList("$");
    }
}
