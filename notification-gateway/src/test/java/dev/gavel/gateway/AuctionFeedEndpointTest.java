package dev.gavel.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.events.Topics;
import dev.gavel.testkit.JwtKeysResource;
import dev.gavel.testkit.KafkaResource;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.WsTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The per-auction feed against a real Kafka broker. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(JwtKeysResource.class)
@QuarkusTestResource(BiddingStateStub.class)
class AuctionFeedEndpointTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/")
    URI base;

    URI feed(String auctionId) {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/ws/auctions/" + auctionId);
    }

    @Test
    void snapshotThenBidsAndCloseInOrderWithoutDuplicatesOrGoingBackwards() {
        String auction = UUID.randomUUID().toString();
        BiddingStateStub.state(auction, 1, "10.00");
        try (WsTestClient client = WsTestClient.connect(feed(auction))) {
            JsonNode snapshot = client.next(WAIT);
            assertEquals("snapshot", snapshot.get("type").asText());
            assertEquals(auction, snapshot.get("auctionId").asText());
            assertEquals(1, snapshot.get("sequence").asLong());
            assertEquals(1, snapshot.get("watchers").asInt());
            assertEquals("10.00", snapshot.get("currentPrice").decimalValue().setScale(2).toPlainString());

            UUID seq2 = UUID.randomUUID();
            // the consumer starts at the latest offset; keep sending the first event until the feed shows it
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                KafkaTestClient.send(Topics.BID_PLACED, auction, bidPlaced(seq2, auction, "12.00", 2));
                return client.pending() > 0;
            });
            JsonNode first = client.next(WAIT);
            assertEquals("bid-placed", first.get("type").asText());
            assertEquals(2, first.get("sequence").asLong());
            assertEquals("Bob", first.get("bidder").get("displayName").asText());

            KafkaTestClient.send(Topics.BID_PLACED, auction, bidPlaced(seq2, auction, "12.00", 2));        // duplicate
            KafkaTestClient.send(Topics.BID_PLACED, auction, bidPlaced(UUID.randomUUID(), auction, "11.00", 1)); // stale
            KafkaTestClient.send(Topics.BID_PLACED, auction, bidPlaced(UUID.randomUUID(), auction, "13.00", 3));
            KafkaTestClient.send(Topics.AUCTION_CLOSED, auction, """
                    {"eventId":"%s","auctionId":"%s","sellerId":"%s","outcome":"SOLD","winnerId":"%s",
                     "winnerDisplayName":"Bob","finalPrice":13.00,"currency":"EUR","bidCount":3,
                     "closedAt":"%s","sequence":4}""".formatted(UUID.randomUUID(), auction, UUID.randomUUID(),
                    UUID.randomUUID(), Instant.now()));

            JsonNode third = client.next(WAIT);
            assertEquals(3, third.get("sequence").asLong(), "duplicates and stale events are not shown");
            assertEquals("13.00", third.get("currentPrice").decimalValue().setScale(2).toPlainString());
            JsonNode closed = client.next(WAIT);
            assertEquals("auction-closed", closed.get("type").asText());
            assertEquals("SOLD", closed.get("outcome").asText());
            assertEquals("Bob", closed.get("winner").get("displayName").asText());
            assertEquals(4, closed.get("sequence").asLong());
        }
    }

    @Test
    void unknownAuctionsAreClosedWithAReason() {
        try (WsTestClient client = WsTestClient.connect(feed(UUID.randomUUID().toString()))) {
            assertEquals(4404, client.awaitClose(WAIT));
        }
        try (WsTestClient client = WsTestClient.connect(feed("not-a-uuid"))) {
            assertEquals(4404, client.awaitClose(WAIT));
        }
    }

    static String bidPlaced(UUID eventId, String auctionId, String price, long sequence) {
        return """
                {"eventId":"%s","auctionId":"%s","bidId":"%s","bidderId":"%s","bidderDisplayName":"Bob",
                 "amount":%s,"automatic":false,"currency":"EUR","currentPrice":%s,"minNextBid":%s,
                 "bidCount":%d,"leaderId":"%s","previousLeaderId":null,"endsAt":"2030-01-01T00:00:00Z",
                 "extended":false,"placedAt":"%s","sequence":%d}""".formatted(eventId, auctionId, UUID.randomUUID(),
                UUID.randomUUID(), price, price, price, sequence - 1, UUID.randomUUID(), Instant.now(), sequence);
    }
}
