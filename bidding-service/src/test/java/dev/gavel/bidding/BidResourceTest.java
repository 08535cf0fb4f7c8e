package dev.gavel.bidding;

import dev.gavel.testkit.TestClocks;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.events.SoftClose;
import dev.gavel.events.Topics;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.TestTokens;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import dev.gavel.bidding.service.AuctionCloser;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import dev.gavel.common.problem.Problem;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.gavel.bidding.BiddingTestSupport.bid;
import static dev.gavel.bidding.BiddingTestSupport.publishAndAwait;
import static dev.gavel.bidding.BiddingTestSupport.terms;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static dev.gavel.bidding.BiddingTestSupport.now;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@BiddingTest
class BidResourceTest {

    final UUID seller = UUID.randomUUID();
    final UUID alice = UUID.randomUUID();
    final UUID bob = UUID.randomUUID();
    final String aliceToken = TestTokens.user(alice, "Alice");
    final String bobToken = TestTokens.token(bob, "bob2", true, "USER");

    @Inject
    AuctionCloser closer;

    @Inject
    EntityManager entityManager;

    long processedEvents(UUID eventId) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = ?1")
                .setParameter(1, eventId).getSingleResult()).longValue());
    }

    @Test
    void bidsAreDecidedAgainstTheIncrementAndPublishedInOrder() throws Exception {
        UUID auction = publishAndAwait(terms(seller, "100.00", null, "5.00",
                now().plus(1, ChronoUnit.HOURS), null));

        given().get("/api/bids/auctions/" + auction + "/state").then().log().ifValidationFails().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("currentPrice", equalTo(100.0f))
                .body("minNextBid", equalTo(100.0f)).body("bidCount", equalTo(0)).body("sequence", equalTo(0));

        bid(aliceToken, auction, 100).then().statusCode(201)
                .body("status", equalTo("LEADING")).body("currentPrice", equalTo(100.0f))
                .body("minNextBid", equalTo(105.0f)).body("bidCount", equalTo(1)).body("extended", equalTo(false));
        bid(bobToken, auction, 104.99).then().statusCode(409).contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("BID_TOO_LOW")).body("minNextBid", equalTo(105.0f));
        String bobBid = bid(bobToken, auction, 110).then().statusCode(201)
                .body("status", equalTo("LEADING")).body("currentPrice", equalTo(110.0f))
                .body("minNextBid", equalTo(115.0f)).body("bidCount", equalTo(2)).extract().path("bidId");

        given().get("/api/bids/auctions/" + auction + "/state").then()
                .body("currentPrice", equalTo(110.0f)).body("leadingBidder.displayName", equalTo("b***2"))
                .body("sequence", equalTo(2));
        // history: newest first, the anonymous bidder masked
        given().queryParam("auctionId", auction).get("/api/bids").then().statusCode(200)
                .body("totalItems", equalTo(2)).body("items[0].bidId", equalTo(bobBid))
                .body("items[0].bidder.displayName", equalTo("b***2"))
                .body("items[1].bidder.displayName", equalTo("Alice"))
                .body("items[1].amount", equalTo(100.0f));

        List<ConsumerRecord<String, String>> events = KafkaTestClient.await(Topics.BID_PLACED,
                r -> auction.toString().equals(r.key()), 2, Duration.ofSeconds(20));
        assertEquals(2, events.size());
        JsonNode first = BiddingTestSupport.MAPPER.readTree(events.get(0).value());
        JsonNode second = BiddingTestSupport.MAPPER.readTree(events.get(1).value());
        assertEquals(1, first.get("sequence").asLong());
        assertEquals(2, second.get("sequence").asLong());
        assertEquals(alice.toString(), second.get("previousLeaderId").asText());
        assertEquals(bob.toString(), second.get("leaderId").asText());
        assertEquals("b***2", second.get("bidderDisplayName").asText());
        assertEquals(0, second.get("currentPrice").decimalValue().compareTo(new java.math.BigDecimal("110")));
        assertEquals(second.get("eventId").asText(), KafkaTestClient.header(events.get(1), "ce_id"));
    }

    @Test
    void badBidsAreRefusedAndChangeNothing() {
        UUID auction = publishAndAwait(terms(seller, "10.00", null, null, now().plus(1, ChronoUnit.HOURS), null));
        bid(TestTokens.user(seller, "Seller"), auction, 50).then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("OWN_AUCTION"));
        bid(aliceToken, UUID.randomUUID(), 50).then().statusCode(404).body("code", equalTo("AUCTION_NOT_FOUND"));
        // an address nobody verified may not bid or buy (read from the token's email_verified claim)
        String unverified = TestTokens.unverified(UUID.randomUUID(), "Throwaway");
        bid(unverified, auction, 50).then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("EMAIL_NOT_VERIFIED"));
        given().auth().oauth2(unverified).contentType(ContentType.JSON).body(Map.of("auctionId", auction.toString()))
                .post("/api/bids/buy-now").then().statusCode(403).body("code", equalTo("EMAIL_NOT_VERIFIED"));
        bid(aliceToken, auction, 10.001).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItems("amount"));
        bid(aliceToken, auction, 0).then().statusCode(400).body("errors.field", hasItems("amount"));
        bid(aliceToken, auction, -1).then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("auctionId", auction.toString(), "amount", 50))
                .post("/api/bids").then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(aliceToken).contentType(ContentType.JSON).body("{\"auctionId\":\"nope\",\"amount\":5}")
                .post("/api/bids").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        given().get("/api/bids/auctions/" + auction + "/state").then()
                .body("bidCount", equalTo(0)).body("sequence", equalTo(0));
        // the increment table applies without a fixed increment: 10.00 -> +0.50
        bid(aliceToken, auction, 10).then().statusCode(201).body("minNextBid", equalTo(10.5f));
    }

    /** Found by the reference model: a leader's max raise is recorded at the price it leaves, never below it. */
    @Test
    void aLeadersMaxRaiseNeverShowsAsABidBelowThePrice() {
        UUID auction = publishAndAwait(terms(seller, "10.00", null, "1.00", now().plus(1, ChronoUnit.HOURS), null));
        given().auth().oauth2(aliceToken).contentType(ContentType.JSON)
                .body(Map.of("auctionId", auction.toString(), "amount", 10, "maxAmount", 30)).post("/api/bids")
                .then().statusCode(201);
        bid(bobToken, auction, 20).then().statusCode(201).body("status", equalTo("OUTBID"))
                .body("currentPrice", equalTo(21.0f));
        given().auth().oauth2(aliceToken).contentType(ContentType.JSON)
                .body(Map.of("auctionId", auction.toString(), "amount", 10, "maxAmount", 60)).post("/api/bids")
                .then().statusCode(201).body("status", equalTo("LEADING")).body("currentPrice", equalTo(21.0f));
        given().queryParam("auctionId", auction).get("/api/bids").then()
                .body("items[0].amount", equalTo(21.0f)).body("items[0].bidder.displayName", equalTo("Alice"));
        given().queryParam("auctionId", auction).get("/api/bids").then()
                .body("items.findAll { it.amount < 21.0 && it.bidder.displayName == 'Alice' }.size()",
                        equalTo(1)); // only her first bid, at 10.00, when the price was 10.00
    }

    /**
     * Found by the reference model: at the floor of a reverse auction nothing may be accepted that changes nothing, so
     * nobody can keep it open by bidding 0.01 in its soft-close window.
     */
    @Test
    void aReverseAuctionAtItsFloorTakesNoMoreBidsAndItsEndStays() {
        Instant end = now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        var reverse = new dev.gavel.events.AuctionPublished(UUID.randomUUID(), UUID.randomUUID(), seller, "Courier job",
                dev.gavel.events.AuctionType.REVERSE, "EUR", new BigDecimal("1.00"), null, null, new BigDecimal("1.00"),
                new SoftClose("PT2H", "PT1M", SoftClose.Mode.EXTEND), now().minusSeconds(1), end, now());
        UUID auction = publishAndAwait(reverse);
        bid(aliceToken, auction, 1).then().statusCode(201).body("minNextBid", equalTo(0.01f))
                .body("endsAt", equalTo(end.plusSeconds(60).toString())); // inside the window: accepted bids extend
        bid(bobToken, auction, 0.01).then().statusCode(201).body("currentPrice", equalTo(0.01f))
                .body("endsAt", equalTo(end.plusSeconds(120).toString()));
        bid(aliceToken, auction, 0.01).then().statusCode(409).contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("PRICE_AT_FLOOR"));
        bid(bobToken, auction, 0.01).then().statusCode(409).body("code", equalTo("PRICE_AT_FLOOR"));
        given().get("/api/bids/auctions/" + auction + "/state").then().body("bidCount", equalTo(2))
                .body("currentPrice", equalTo(0.01f))
                .body("endsAt", equalTo(end.plusSeconds(120).toString())); // refused bids never move the end
    }

    @Test
    void anAcceptedBidInTheSoftCloseWindowExtendsTheEnd() {
        Instant endsAt = now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
        UUID auction = publishAndAwait(terms(seller, "10.00", null, "1.00", endsAt,
                new SoftClose("PT60S", "PT30S", SoftClose.Mode.EXTEND)));
        bid(aliceToken, auction, 5).then().statusCode(409); // rejected bids never extend
        given().get("/api/bids/auctions/" + auction + "/state").then().body("endsAt", equalTo(endsAt.toString()));
        bid(aliceToken, auction, 10).then().statusCode(201).body("extended", equalTo(true))
                .body("endsAt", equalTo(endsAt.plusSeconds(30).toString()));
    }

    @Test
    void theAuctionClosesAtItsEndExactlyOnceWithTheWinner() throws Exception {
        Instant end = now().plus(1, ChronoUnit.HOURS);
        UUID sold = publishAndAwait(terms(seller, "20.00", "25.00", "1.00", end, null));
        UUID unsold = publishAndAwait(terms(seller, "20.00", "50.00", "1.00", end, null));
        UUID noBids = publishAndAwait(terms(seller, "20.00", null, null, end, null));
        bid(aliceToken, sold, 20).then().statusCode(201);
        bid(bobToken, sold, 26).then().statusCode(201).body("status", equalTo("LEADING"));
        bid(aliceToken, unsold, 30).then().statusCode(201);
        assertFalse(closer.closeIfDue(sold), "not before its end");

        TestClocks.CLOCK.advance(Duration.between(now(), end).plusSeconds(1));

        List<ConsumerRecord<String, String>> closed = KafkaTestClient.await(Topics.AUCTION_CLOSED,
                r -> List.of(sold.toString(), unsold.toString(), noBids.toString()).contains(r.key()), 3,
                Duration.ofSeconds(30));
        assertEquals(3, closed.size());
        for (ConsumerRecord<String, String> record : closed) {
            JsonNode event = BiddingTestSupport.MAPPER.readTree(record.value());
            if (record.key().equals(sold.toString())) {
                assertEquals("SOLD", event.get("outcome").asText());
                assertEquals(bob.toString(), event.get("winnerId").asText());
                assertEquals(0, event.get("finalPrice").decimalValue().compareTo(new java.math.BigDecimal("26")));
                assertEquals(3, event.get("sequence").asLong());
                assertEquals(2, event.get("bidCount").asLong());
                assertEquals(alice.toString(), event.get("runnerUpId").asText(), "the runner-up, for a second chance");
                assertEquals(0, event.get("runnerUpAmount").decimalValue().compareTo(new java.math.BigDecimal("20")));
            } else {
                assertEquals("UNSOLD", event.get("outcome").asText());
                assertTrue(event.get("winnerId").isNull());
                assertTrue(event.get("runnerUpId").isNull());
            }
        }
        bid(aliceToken, sold, 100).then().statusCode(409).body("code", equalTo("AUCTION_NOT_ACTIVE"));
        given().get("/api/bids/auctions/" + sold + "/state").then().body("status", equalTo("CLOSED"));
        // exactly once: closing again changes nothing, and the auction's sequence did not move
        assertFalse(closer.closeIfDue(sold), "a second close does nothing");
        given().get("/api/bids/auctions/" + sold + "/state").then().body("status", equalTo("CLOSED"))
                .body("sequence", equalTo(3));
    }

    @Test
    void anAuctionThatEndedWhileTheEngineWasAwayClosesAtOnce() {
        var terms = BiddingTestSupport.terms(seller, "5.00", null, null, now().minusSeconds(60), null);
        BiddingTestSupport.publish(terms);
        assertEquals(1, KafkaTestClient.await(Topics.AUCTION_CLOSED, r -> terms.auctionId().toString().equals(r.key()),
                1, Duration.ofSeconds(20)).size());
        given().get("/api/bids/auctions/" + terms.auctionId() + "/state").then().body("status", equalTo("CLOSED"));
    }

    @Test
    void newTermsReplaceOldOnesOnlyBeforeTheFirstBid() {
        var first = terms(seller, "10.00", null, "1.00", now().plus(1, ChronoUnit.HOURS), null);
        UUID auction = publishAndAwait(first);
        var changed = new dev.gavel.events.AuctionPublished(UUID.randomUUID(), auction, seller, "Renamed",
                first.type(), "EUR", new java.math.BigDecimal("20.00"), null, null, new java.math.BigDecimal("2.00"),
                null, first.startsAt(), first.endsAt(), now());
        BiddingTestSupport.publish(changed);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/api/bids/auctions/" + auction + "/state").then().body("minNextBid", equalTo(20.0f)));
        bid(aliceToken, auction, 20).then().statusCode(201).body("minNextBid", equalTo(22.0f));
        var late = new dev.gavel.events.AuctionPublished(UUID.randomUUID(), auction, seller, "Too late",
                first.type(), "EUR", new java.math.BigDecimal("1.00"), null, null, new java.math.BigDecimal("1.00"),
                null, first.startsAt(), first.endsAt(), now());
        BiddingTestSupport.publish(late);
        // published after the late terms, so once it is applied the late terms were seen (and ignored) before it
        // once the late terms are recorded as processed, they were applied or ignored
        await().atMost(Duration.ofSeconds(20)).until(() -> processedEvents(late.eventId()) == 1);
        given().get("/api/bids/auctions/" + auction + "/state").then().body("minNextBid", equalTo(22.0f));
    }
}
