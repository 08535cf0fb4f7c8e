package dev.gavel.bidding;

import dev.gavel.testkit.TestClocks;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.bidding.repository.BidRepository;
import dev.gavel.bidding.service.AuctionCloser;
import dev.gavel.events.Topics;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.TestTokens;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.gavel.bidding.BiddingTestSupport.bid;
import static dev.gavel.bidding.BiddingTestSupport.publishAndAwait;
import static dev.gavel.bidding.BiddingTestSupport.terms;
import static dev.gavel.bidding.BiddingTestSupport.now;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bidding storm: 200 bidders at once on one auction, then its close. */
@BiddingTest
class ConcurrentBiddingTest {

    @Inject
    BidRepository bids;

    @Inject
    AuctionCloser closer;

    @Test
    void twoHundredConcurrentBiddersOnOneAuction() throws Exception {
        UUID seller = UUID.randomUUID();
        Instant end = now().plus(Duration.ofHours(1));
        UUID auction = publishAndAwait(terms(seller, "1.00", null, "1.00", end, null));
        int bidders = 200;
        List<String> tokens = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < bidders; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            tokens.add(TestTokens.user(id, "Bidder " + i));
        }
        ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(bidders);
        for (int i = 0; i < bidders; i++) {
            int amount = 1 + i; // every bidder bids a different amount
            String token = tokens.get(i);
            pool.submit(() -> {
                start.await();
                Response r = bid(token, auction, amount);
                statuses.add(r.statusCode());
                if (r.statusCode() == 201) {
                    accepted.add(r.path("bidId"));
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 409), "only accepted or too low: " + statuses);
        assertTrue(accepted.size() >= 1);

        // every 201 is in the database exactly once, and nothing else is
        Set<String> stored = new HashSet<>();
        bids.list("auctionId", auction).forEach(b -> stored.add(b.id.toString()));
        assertEquals(new HashSet<>(accepted), stored);
        assertEquals(accepted.size(), stored.size());

        // one bid-placed per accepted bid: sequence 1..n without gaps, prices strictly rising in sequence order
        List<ConsumerRecord<String, String>> events = KafkaTestClient.await(Topics.BID_PLACED,
                r -> auction.toString().equals(r.key()), accepted.size(), Duration.ofSeconds(30));
        assertEquals(accepted.size(), events.size());
        BigDecimal last = BigDecimal.ZERO;
        Set<String> eventBids = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = BiddingTestSupport.MAPPER.readTree(events.get(i).value());
            assertEquals(i + 1, e.get("sequence").asLong());
            BigDecimal price = e.get("currentPrice").decimalValue();
            assertTrue(price.compareTo(last) > 0, "strictly rising: " + price + " after " + last);
            last = price;
            eventBids.add(e.get("bidId").asText());
        }
        assertEquals(stored, eventBids);

        // the close: exactly one auction-closed, the highest accepted bid wins, nothing accepted afterwards
        TestClocks.CLOCK.advance(Duration.between(now(), end).plusSeconds(1));
        List<ConsumerRecord<String, String>> closed = KafkaTestClient.await(Topics.AUCTION_CLOSED,
                r -> auction.toString().equals(r.key()), 1, Duration.ofSeconds(40));
        assertEquals(1, closed.size());
        JsonNode close = BiddingTestSupport.MAPPER.readTree(closed.get(0).value());
        assertEquals("SOLD", close.get("outcome").asText());
        assertEquals(0, last.compareTo(close.get("finalPrice").decimalValue()));
        assertEquals(accepted.size() + 1, close.get("sequence").asLong());
        bid(TestTokens.user(UUID.randomUUID(), "Late"), auction, 1000).then().statusCode(409);
        assertFalse(closer.closeIfDue(auction), "exactly one auction-closed: a second close does nothing");
        given().get("/api/bids/auctions/" + auction + "/state").then()
                .body("sequence", org.hamcrest.Matchers.equalTo(accepted.size() + 1));
        assertEquals(accepted.size(), bids.count("auctionId", auction), "no bid after the close");
    }
}
