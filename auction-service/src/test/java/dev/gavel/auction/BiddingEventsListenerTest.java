package dev.gavel.auction;

import dev.gavel.testkit.TestClocks;
import dev.gavel.events.Topics;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.TestTokens;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import dev.gavel.events.AuctionClosed;
import dev.gavel.events.BidPlaced;
import dev.gavel.testkit.TestEvents;
import java.math.BigDecimal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The catalog follows bidding-service's events from the real broker: idempotently and never backwards. */
@CatalogTest
class BiddingEventsListenerTest {

    /** A new auction in the catalog; its id. */
    static String newAuction(UUID seller) {
        return given().auth().oauth2(TestTokens.user(seller, "Sally"))
                .contentType(ContentType.JSON)
                .body(AuctionResourceTest.auction(TestClocks.now().plus(1, ChronoUnit.HOURS)))
                .post("/api/auctions").then().statusCode(201).extract().path("id");
    }

    /**
     * Waits until everything published so far with {@code key} has been applied: a bid on the {@code marker} auction
     * goes on the same partition after it, and the catalog shows it ({@code bidCount} equal to {@code sequence}).
     */
    static void awaitApplied(String key, String marker, long sequence) {
        String endsAt = TestClocks.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        KafkaTestClient.publish(key, bidPlaced(UUID.randomUUID(), marker, UUID.randomUUID(), "Marker",
                sequence + ".00", sequence, sequence, endsAt));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/api/auctions/" + marker).then()
                .body("bidCount", equalTo((int) sequence)));
    }

    @Test
    void bidsAndCloseUpdateTheAuctionOnceAndInOrder() {
        UUID seller = UUID.randomUUID();
        String id = newAuction(seller);
        String marker = newAuction(UUID.randomUUID()); // its bids, on the same partition, show when those before applied
        UUID bob = UUID.randomUUID();
        UUID eve = UUID.randomUUID();
        String endsAt = TestClocks.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();

        // out of order: sequence 2 arrives first, then sequence 1, which must not take the auction back
        UUID secondId = UUID.randomUUID();
        UUID firstId = UUID.randomUUID();
        BidPlaced second = bidPlaced(secondId, id, bob, "Bob", "160.00", 2, 2, endsAt);
        KafkaTestClient.publish(second);
        KafkaTestClient.publish(bidPlaced(firstId, id, eve, "Eve", "150.00", 1, 1, endsAt));
        awaitApplied(id, marker, 1);
        given().get("/api/auctions/" + id).then()
                .body("currentPrice", equalTo(160.0f))
                .body("bidCount", equalTo(2))
                .body("reserveMet", equalTo(true))
                .body("endsAt", equalTo(endsAt))
                .body("leadingBidder.displayName", equalTo("Bob"))
                .body("leadingBidder.id", equalTo(null));
        given().auth().oauth2(TestTokens.user(bob, "Bob")).get("/api/auctions/" + id).then()
                .body("leadingBidder.id", equalTo(bob.toString()));

        // a redelivered event (same eventId), in a poll after a later one, changes nothing: a third bid, then the second
        String thirdEndsAt = TestClocks.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        KafkaTestClient.publish(bidPlaced(UUID.randomUUID(), id, bob, "Bob", "170.00", 3, 3, thirdEndsAt));
        awaitApplied(id, marker, 2);
        KafkaTestClient.publish(second);
        awaitApplied(id, marker, 3);
        given().get("/api/auctions/" + id).then()
                .body("currentPrice", equalTo(170.0f))
                .body("bidCount", equalTo(3))
                .body("endsAt", equalTo(thirdEndsAt));

        AuctionClosed closed = TestEvents.sold(UUID.fromString(id), seller, bob, "Bob", "170.00", 3, 4);
        KafkaTestClient.publish(closed);
        KafkaTestClient.publish(closed);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(TestTokens.user(bob, "Bob"))
                .get("/api/auctions/" + id).then()
                .body("status", equalTo("CLOSED"))
                .body("outcome", equalTo("SOLD"))
                .body("winnerId", equalTo(bob.toString()))
                .body("finalPrice", equalTo(170.0f))
                .body("currentPrice", equalTo(170.0f))
                .body("bidCount", equalTo(3)));
        // the winner's id names an anonymous winner (GET /api/users/{id}): only the winner, the seller and admins
        given().auth().oauth2(TestTokens.user(seller, "Sally")).get("/api/auctions/" + id).then()
                .body("winnerId", equalTo(bob.toString()));
        given().auth().oauth2(TestTokens.admin(UUID.randomUUID(), "Ada")).get("/api/auctions/" + id).then()
                .body("winnerId", equalTo(bob.toString()));
        given().get("/api/auctions/" + id).then().body("outcome", equalTo("SOLD"))
                .body("winnerId", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(TestTokens.user(UUID.randomUUID(), "Nosy")).get("/api/auctions/" + id).then()
                .body("winnerId", org.hamcrest.Matchers.nullValue());
        given().queryParam("sellerId", seller).get("/api/auctions").then()
                .body("items[0].winnerId", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aRecordThatCannotBeReadGoesToTheDeadLetterTopicAndLaterEventsStillApply() {
        String id = given().auth().oauth2(TestTokens.user(UUID.randomUUID(), "Sally"))
                .contentType(ContentType.JSON)
                .body(AuctionResourceTest.auction(TestClocks.now().plus(1, ChronoUnit.HOURS)))
                .post("/api/auctions").then().statusCode(201).extract().path("id");
        String endsAt = TestClocks.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        String garbage = "this is not JSON";
        String broken = "{\"eventId\":\"not-a-uuid\",\"auctionId\":\"" + id + "\"}";
        KafkaTestClient.send(Topics.BID_PLACED, id, garbage);
        KafkaTestClient.send(Topics.BID_PLACED, id, broken);
        KafkaTestClient.publish(bidPlaced(UUID.randomUUID(), id, UUID.randomUUID(), "Bob", "120.00", 1, 1, endsAt));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/auctions/" + id).then()
                .body("currentPrice", equalTo(120.0f)).body("bidCount", equalTo(1)));
        var dead = KafkaTestClient.await("auction-service.bid-placed.dlq", r -> id.equals(r.key()), 2,
                Duration.ofSeconds(20));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(garbage, broken),
                dead.stream().map(org.apache.kafka.clients.consumer.ConsumerRecord::value).toList(),
                "both unreadable records are kept, as they came, for inspection");
    }

    @Test
    void aForgedAuctionClosedLeavesTheAuctionActive() {
        UUID seller = UUID.randomUUID();
        String id = given().auth().oauth2(TestTokens.user(seller, "Sally")).contentType(ContentType.JSON)
                .body(AuctionResourceTest.auction(TestClocks.now().plus(1, ChronoUnit.HOURS)))
                .post("/api/auctions").then().statusCode(201).extract().path("id");
        AuctionClosed forged = TestEvents.sold(UUID.fromString(id), seller, UUID.randomUUID(), "Mallory", "1.00", 1, 1);
        KafkaTestClient.forge(forged, "/gavel/auction-service"); // not the topic's producer
        var dead = KafkaTestClient.await("auction-service.auction-closed.dlq", r -> id.equals(r.key()), 1,
                Duration.ofSeconds(20));
        org.junit.jupiter.api.Assertions.assertEquals(1, dead.size(), "the forgery is kept for inspection, unapplied");
        given().get("/api/auctions/" + id).then().body("status", equalTo("ACTIVE")).body("bidCount", equalTo(0));
    }

    /** A {@code bid-placed} that leaves the auction at {@code price} with {@code bidder} leading. */
    static BidPlaced bidPlaced(UUID eventId, String auctionId, UUID bidder, String name, String price, long bidCount,
            long sequence, String endsAt) {
        BigDecimal amount = new BigDecimal(price);
        return new BidPlaced(eventId, UUID.fromString(auctionId), UUID.randomUUID(), bidder, name, amount, false, "EUR",
                amount, amount, bidCount, bidder, null, Instant.parse(endsAt), false, TestClocks.now(), sequence);
    }
}
