package dev.gavel.auction;

import dev.gavel.events.Topics;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The catalog follows bidding-service's events from the real broker: idempotently and never backwards. */
@QuarkusTest
class BiddingEventsListenerTest {

    @Inject
    EntityManager em;

    /** Whether the listener has consumed (and committed) this event. */
    boolean consumed(UUID eventId) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = :id")
                .setParameter("id", eventId).getSingleResult()).longValue() == 1);
    }

    @Test
    void bidsAndCloseUpdateTheAuctionOnceAndInOrder() {
        UUID seller = UUID.randomUUID();
        String id = given().auth().oauth2(TestTokens.user(seller, "Sally"))
                .contentType(ContentType.JSON)
                .body(AuctionResourceTest.auction(Instant.now().plus(1, ChronoUnit.HOURS)))
                .post("/api/auctions").then().statusCode(201).extract().path("id");
        UUID bob = UUID.randomUUID();
        UUID eve = UUID.randomUUID();
        String endsAt = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();

        // out of order: sequence 2 arrives first, then sequence 1, which must not take the auction back
        UUID secondId = UUID.randomUUID();
        UUID firstId = UUID.randomUUID();
        String second = bidPlaced(secondId, id, bob, "160.00", 2, 2, endsAt);
        KafkaTestClient.send(Topics.BID_PLACED, id, second);
        KafkaTestClient.send(Topics.BID_PLACED, id, bidPlaced(firstId, id, eve, "150.00", 1, 1, endsAt)
                .replace("\"Bob\"", "\"Eve\""));
        await().atMost(Duration.ofSeconds(15)).until(() -> consumed(firstId));
        given().get("/api/auctions/" + id).then()
                .body("currentPrice", equalTo(160.0f))
                .body("bidCount", equalTo(2))
                .body("reserveMet", equalTo(true))
                .body("endsAt", equalTo(endsAt))
                .body("leadingBidder.displayName", equalTo("Bob"))
                .body("leadingBidder.id", equalTo(null));
        given().auth().oauth2(TestTokens.user(bob, "Bob")).get("/api/auctions/" + id).then()
                .body("leadingBidder.id", equalTo(bob.toString()));

        // a redelivered event (same eventId) is applied once: a third bid, then the second again
        String thirdEndsAt = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        UUID thirdId = UUID.randomUUID();
        KafkaTestClient.send(Topics.BID_PLACED, id, bidPlaced(thirdId, id, bob, "170.00", 3, 3, thirdEndsAt));
        KafkaTestClient.send(Topics.BID_PLACED, id, second);
        UUID marker = UUID.randomUUID(); // an event for another auction, after the duplicate on the same key
        KafkaTestClient.send(Topics.BID_PLACED, id, bidPlaced(marker, UUID.randomUUID().toString(), bob, "1.00", 1,
                1, endsAt));
        await().atMost(Duration.ofSeconds(15)).until(() -> consumed(marker));
        given().get("/api/auctions/" + id).then()
                .body("currentPrice", equalTo(170.0f))
                .body("bidCount", equalTo(3))
                .body("endsAt", equalTo(thirdEndsAt));

        String closed = """
                {"eventId":"%s","auctionId":"%s","sellerId":"%s","outcome":"SOLD","winnerId":"%s",
                 "winnerDisplayName":"Bob","finalPrice":170.00,"currency":"EUR","bidCount":3,
                 "closedAt":"%s","sequence":4}""".formatted(UUID.randomUUID(), id, seller, bob, Instant.now());
        KafkaTestClient.send(Topics.AUCTION_CLOSED, id, closed);
        KafkaTestClient.send(Topics.AUCTION_CLOSED, id, closed);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/api/auctions/" + id).then()
                .body("status", equalTo("CLOSED"))
                .body("outcome", equalTo("SOLD"))
                .body("winnerId", equalTo(bob.toString()))
                .body("finalPrice", equalTo(170.0f))
                .body("currentPrice", equalTo(170.0f))
                .body("bidCount", equalTo(3)));
    }

    @Test
    void aRecordThatCannotBeReadGoesToTheDeadLetterTopicAndLaterEventsStillApply() {
        String id = given().auth().oauth2(TestTokens.user(UUID.randomUUID(), "Sally"))
                .contentType(ContentType.JSON)
                .body(AuctionResourceTest.auction(Instant.now().plus(1, ChronoUnit.HOURS)))
                .post("/api/auctions").then().statusCode(201).extract().path("id");
        String endsAt = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        String garbage = "this is not JSON";
        String broken = "{\"eventId\":\"not-a-uuid\",\"auctionId\":\"" + id + "\"}";
        KafkaTestClient.send(Topics.BID_PLACED, id, garbage);
        KafkaTestClient.send(Topics.BID_PLACED, id, broken);
        KafkaTestClient.send(Topics.BID_PLACED, id, bidPlaced(UUID.randomUUID(), id, UUID.randomUUID(), "120.00", 1, 1,
                endsAt));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/auctions/" + id).then()
                .body("currentPrice", equalTo(120.0f)).body("bidCount", equalTo(1)));
        var dead = KafkaTestClient.await("auction-service.bid-placed.dlq", r -> id.equals(r.key()), 2,
                Duration.ofSeconds(20));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(garbage, broken),
                dead.stream().map(org.apache.kafka.clients.consumer.ConsumerRecord::value).toList(),
                "both unreadable records are kept, as they came, for inspection");
    }

    static String bidPlaced(UUID eventId, String auctionId, UUID bidder, String price, long bidCount, long sequence,
            String endsAt) {
        return """
                {"eventId":"%s","auctionId":"%s","bidId":"%s","bidderId":"%s","bidderDisplayName":"Bob",
                 "amount":%s,"automatic":false,"currency":"EUR","currentPrice":%s,"minNextBid":%s,
                 "bidCount":%d,"leaderId":"%s","previousLeaderId":null,"endsAt":"%s","extended":false,
                 "placedAt":"%s","sequence":%d}""".formatted(eventId, auctionId, UUID.randomUUID(), bidder, price,
                price, price, bidCount, bidder, endsAt, Instant.now(), sequence);
    }
}
