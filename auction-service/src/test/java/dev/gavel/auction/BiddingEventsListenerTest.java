package dev.gavel.auction;

import dev.gavel.events.Topics;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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

    @Test
    void bidsAndCloseUpdateTheAuctionOnceAndInOrder() {
        UUID seller = UUID.randomUUID();
        String id = given().auth().oauth2(TestTokens.user(seller, "Sally"))
                .contentType(ContentType.JSON)
                .body(AuctionResourceTest.auction(Instant.now().plus(1, ChronoUnit.HOURS)))
                .post("/api/auctions").then().statusCode(201).extract().path("id");
        UUID bidder = UUID.randomUUID();
        String endsAt = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();

        String bid2 = bidPlaced(UUID.randomUUID(), id, bidder, "160.00", 2, 2, endsAt);
        KafkaTestClient.send(Topics.BID_PLACED, id, bidPlaced(UUID.randomUUID(), id, bidder, "150.00", 1, 1, endsAt));
        KafkaTestClient.send(Topics.BID_PLACED, id, bid2);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/api/auctions/" + id).then()
                .body("currentPrice", equalTo(160.0f))
                .body("bidCount", equalTo(2))
                .body("reserveMet", equalTo(true))
                .body("endsAt", equalTo(endsAt))
                .body("leadingBidder.displayName", equalTo("Bob")));

        // a redelivered event and a stale one change nothing
        KafkaTestClient.send(Topics.BID_PLACED, id, bid2);
        KafkaTestClient.send(Topics.BID_PLACED, id, bidPlaced(UUID.randomUUID(), id, bidder, "155.00", 3, 1, endsAt)
                .replace("\"sequence\":1", "\"sequence\":1"));

        String closed = """
                {"eventId":"%s","auctionId":"%s","sellerId":"%s","outcome":"SOLD","winnerId":"%s",
                 "winnerDisplayName":"Bob","finalPrice":160.00,"currency":"EUR","bidCount":2,
                 "closedAt":"%s","sequence":3}""".formatted(UUID.randomUUID(), id, seller, bidder, Instant.now());
        KafkaTestClient.send(Topics.AUCTION_CLOSED, id, closed);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/api/auctions/" + id).then()
                .body("status", equalTo("CLOSED"))
                .body("outcome", equalTo("SOLD"))
                .body("winnerId", equalTo(bidder.toString()))
                .body("finalPrice", equalTo(160.0f))
                .body("currentPrice", equalTo(160.0f))
                .body("bidCount", equalTo(2)));
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
