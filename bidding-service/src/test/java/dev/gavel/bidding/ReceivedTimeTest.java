package dev.gavel.bidding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.bidding.api.BidDtos.PlaceBidRequest;
import dev.gavel.bidding.service.BidEngine;
import dev.gavel.bidding.service.Command;
import dev.gavel.bidding.service.Decision;
import dev.gavel.common.security.Caller;
import dev.gavel.events.Topics;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.TestClocks;
import dev.gavel.testkit.TestTokens;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static dev.gavel.bidding.BiddingTestSupport.bid;
import static dev.gavel.bidding.BiddingTestSupport.now;
import static dev.gavel.bidding.BiddingTestSupport.publishAndAwait;
import static dev.gavel.bidding.BiddingTestSupport.terms;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bid counts at the instant it was received (CONTRACT §4b): one received before the effective end is decided even
 * when its batch runs after the end, one received after it is refused whenever it is decided. Answers carry
 * {@code serverTime}.
 */
@BiddingTest
class ReceivedTimeTest {

    @Inject
    BidEngine engine;

    @Test
    void aBidReceivedBeforeTheEndCountsEvenWhenDecidedAfterIt() throws Exception {
        Instant end = now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        UUID auction = publishAndAwait(terms(UUID.randomUUID(), "10.00", null, "1.00", end, null));
        Caller bob = new Caller(UUID.randomUUID(), "Bob", false, true);
        Caller eve = new Caller(UUID.randomUUID(), "Eve", false, true);

        // the engine is busy: it gets to both bids only after the end (the closing grace has not passed)
        TestClocks.CLOCK.advance(Duration.between(now(), end).plusMillis(200));
        List<Decision> decided = engine.decide(List.of(
                Command.bid(new PlaceBidRequest(auction, new BigDecimal("12.00"), null), bob, null, end.minusMillis(1)),
                Command.bid(new PlaceBidRequest(auction, new BigDecimal("15.00"), null), eve, null, end.plusMillis(1))));

        assertNull(decided.get(0).rejection(), "received 1 ms before the end: it counts");
        assertEquals(end.minusMillis(1), decided.get(0).accepted().receivedAt());
        assertTrue(decided.get(0).accepted().serverTime().isAfter(end), "decided after the end");
        assertEquals("AUCTION_NOT_ACTIVE", decided.get(1).rejection().code(), "received 1 ms after the end: refused");

        // the close comes after the grace, with the bid received in time as the winner
        List<ConsumerRecord<String, String>> closed = KafkaTestClient.await(Topics.AUCTION_CLOSED,
                r -> auction.toString().equals(r.key()), 1, Duration.ofSeconds(30));
        JsonNode close = BiddingTestSupport.MAPPER.readTree(closed.get(0).value());
        assertEquals("SOLD", close.get("outcome").asText());
        assertEquals(bob.id().toString(), close.get("winnerId").asText());
        assertEquals(0, new BigDecimal("12.00").compareTo(close.get("finalPrice").decimalValue()));
        assertEquals(1, close.get("bidCount").asLong());
    }

    @Test
    void everyAnswerCarriesTheServerTime() {
        UUID auction = publishAndAwait(terms(UUID.randomUUID(), "10.00", null, "1.00", now().plus(Duration.ofHours(1)), null));
        String token = TestTokens.user(UUID.randomUUID(), "Tim");
        bid(token, auction, 12).then().statusCode(201)
                .body("serverTime", notNullValue())
                .body("receivedAt", notNullValue());
        bid(token, auction, 5).then().statusCode(409)
                .body("code", org.hamcrest.Matchers.equalTo("BID_TOO_LOW"))
                .body("serverTime", notNullValue());
    }
}
