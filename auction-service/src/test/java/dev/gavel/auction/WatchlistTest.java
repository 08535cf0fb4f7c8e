package dev.gavel.auction;

import dev.gavel.testkit.TestClocks;
import dev.gavel.testkit.TestTokens;
import io.restassured.http.ContentType;
import dev.gavel.common.problem.Problem;
import org.junit.jupiter.api.Test;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** Favourites: idempotent PUT and DELETE, a private paged list, the latest added first. */
@CatalogTest
class WatchlistTest {

    String auction() {
        return given().auth().oauth2(TestTokens.user(UUID.randomUUID(), "Seller")).contentType(ContentType.JSON)
                .body(AuctionResourceTest.auction(TestClocks.now().plus(1, ChronoUnit.DAYS)))
                .post("/api/auctions").then().statusCode(201).extract().path("id");
    }

    @Test
    void aUserWatchesAuctionsAndOnlyTheySeeTheirList() {
        String me = TestTokens.user(UUID.randomUUID(), "Wanda");
        String someoneElse = TestTokens.user(UUID.randomUUID(), "Walter");
        String first = auction();
        String second = auction();
        String third = auction();

        given().auth().oauth2(me).put("/api/watchlist/" + first).then().statusCode(204);
        given().auth().oauth2(me).put("/api/watchlist/" + second).then().statusCode(204);
        given().auth().oauth2(me).put("/api/watchlist/" + first).then().statusCode(204); // again: no change
        given().auth().oauth2(me).put("/api/watchlist/" + third).then().statusCode(204);
        given().auth().oauth2(me).delete("/api/watchlist/" + second).then().statusCode(204);
        given().auth().oauth2(me).delete("/api/watchlist/" + second).then().statusCode(204); // again: no change

        given().auth().oauth2(me).get("/api/watchlist").then().statusCode(200)
                .body("totalItems", equalTo(2))
                .body("items.id", contains(third, first))
                .body("items[0].reservePrice", equalTo(null));
        given().auth().oauth2(me).get("/api/watchlist?size=1&page=1").then()
                .body("items.id", contains(first)).body("totalPages", equalTo(2));
        given().auth().oauth2(someoneElse).get("/api/watchlist").then().statusCode(200).body("totalItems", equalTo(0));
    }

    /** Each real change, and only that, goes out as watchlist-changed (for the gateway's ending-soon reminders). */
    @Test
    void realChangesArePublished() {
        UUID user = UUID.randomUUID();
        String me = TestTokens.user(user, "Wanda");
        String auctionId = auction();
        given().auth().oauth2(me).put("/api/watchlist/" + auctionId).then().statusCode(204);
        given().auth().oauth2(me).put("/api/watchlist/" + auctionId).then().statusCode(204); // no change
        given().auth().oauth2(me).delete("/api/watchlist/" + auctionId).then().statusCode(204);
        given().auth().oauth2(me).delete("/api/watchlist/" + auctionId).then().statusCode(204); // no change
        given().auth().oauth2(me).put("/api/watchlist/" + auctionId).then().statusCode(204);
        var events = dev.gavel.testkit.KafkaTestClient.await(dev.gavel.events.Topics.WATCHLIST_CHANGED,
                r -> auctionId.equals(r.key()), 3, java.time.Duration.ofSeconds(30));
        org.junit.jupiter.api.Assertions.assertEquals(List.of(true, false, true), events.stream()
                .map(r -> r.value().contains("\"watching\":true")).toList(), "in order, no repeats");
        events.forEach(r -> org.junit.jupiter.api.Assertions.assertTrue(r.value().contains(user.toString())));
    }

    @Test
    void unknownAuctionsAndAnonymousCallersAreRefused() {
        String me = TestTokens.user(UUID.randomUUID(), "Wanda");
        given().auth().oauth2(me).put("/api/watchlist/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE).body("code", equalTo("AUCTION_NOT_FOUND"));
        given().auth().oauth2(me).put("/api/watchlist/not-a-uuid").then().statusCode(404);
        given().put("/api/watchlist/" + auction()).then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        given().get("/api/watchlist").then().statusCode(401);
        given().auth().oauth2(me).get("/api/watchlist?size=500").then().statusCode(400);
        given().auth().oauth2(me).get("/api/watchlist").then().body("totalItems", equalTo(0));
    }
}
