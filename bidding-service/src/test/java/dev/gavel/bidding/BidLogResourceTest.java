package dev.gavel.bidding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.bidding.service.BidLog;
import dev.gavel.events.Topics;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import static dev.gavel.bidding.BiddingTestSupport.bid;
import static dev.gavel.bidding.BiddingTestSupport.now;
import static dev.gavel.bidding.BiddingTestSupport.publishAndAwait;
import static dev.gavel.bidding.BiddingTestSupport.terms;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tamper-evident bid log through the HTTP API against real PostgreSQL: every accepted bid (automatic ones too)
 * chained in sequence order, pseudonymous, its head on Kafka, and a change made directly in the database breaks it.
 */
@BiddingTest
class BidLogResourceTest {

    @Inject
    EntityManager em;

    @Test
    void everyAcceptedBidIsChainedAndAChangeInTheDatabaseBreaksTheChainThere() throws Exception {
        UUID seller = UUID.randomUUID();
        UUID ann = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID auction = publishAndAwait(terms(seller, "10.00", null, "1.00", now().plus(1, ChronoUnit.HOURS), null));
        // Ann bids with a maximum; Bob's bids make the engine bid for Ann automatically
        given().auth().oauth2(TestTokens.user(ann, "Ann")).contentType(ContentType.JSON)
                .body(Map.of("auctionId", auction.toString(), "amount", 10, "maxAmount", 30)).post("/api/bids")
                .then().statusCode(201);
        bid(TestTokens.user(bob, "Bob"), auction, 15).then().statusCode(201);
        bid(TestTokens.user(bob, "Bob"), auction, 20).then().statusCode(201);

        JsonNode log = BiddingTestSupport.log(auction);
        List<BidLog.Entry> entries = BiddingTestSupport.logEntries(log);
        assertTrue(entries.size() >= 5, "own bids and automatic ones: " + log);
        assertTrue(entries.stream().anyMatch(BidLog.Entry::automatic));
        assertEquals(OptionalLong.empty(), BidLog.firstBroken(auction, entries), "the chain recomputes");
        assertEquals(BidLog.GENESIS, entries.get(0).prevHash());
        assertEquals(entries.get(entries.size() - 1).hash(), log.get("head").asText());
        assertEquals(List.of("bidder-1", "bidder-2"), entries.stream().map(BidLog.Entry::bidder).distinct().toList());
        assertFalse(log.toString().contains(ann.toString()) || log.toString().contains(bob.toString()),
                "bidders appear only as pseudonyms");

        // a Kafka consumer holds the head too
        var placed = KafkaTestClient.await(Topics.BID_PLACED, r -> auction.toString().equals(r.key()),
                entries.size(), Duration.ofSeconds(30));
        assertEquals(log.get("head").asText(), BiddingTestSupport.MAPPER.readTree(placed.get(placed.size() - 1).value()).get("hash").asText());

        long tampered = entries.get(2).sequence();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE bid SET amount = amount + 1 WHERE auction_id = ?1 AND sequence = ?2")
                .setParameter(1, auction).setParameter(2, tampered).executeUpdate());
        assertEquals(OptionalLong.of(tampered), BidLog.firstBroken(auction, BiddingTestSupport.logEntries(BiddingTestSupport.log(auction))),
                "the chain breaks at the changed bid");
    }

    @Test
    void anUnknownAuctionHasNoLog() {
        given().get("/api/bids/auctions/" + UUID.randomUUID() + "/log").then().statusCode(404);
    }
}
