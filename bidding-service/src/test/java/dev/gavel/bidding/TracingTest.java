package dev.gavel.bidding;

import dev.gavel.events.Topics;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.TestSpans;
import dev.gavel.testkit.TestTokens;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.gavel.bidding.BiddingTestSupport.bid;
import static dev.gavel.bidding.BiddingTestSupport.now;
import static dev.gavel.bidding.BiddingTestSupport.publishAndAwait;
import static dev.gavel.bidding.BiddingTestSupport.terms;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bid's trace leaves bidding-service with its event: the {@code bid-placed} record's {@code traceparent} names the
 * trace of the HTTP request that placed the bid (through the group commit and the outbox), so the consumers' spans
 * (auction-service, notification-gateway: their TracingTest) join it.
 */
@BiddingTest
class TracingTest {

    @Test
    void theBidPlacedRecordCarriesTheTraceOfTheRequest() {
        UUID auction = publishAndAwait(terms(UUID.randomUUID(), "10.00", null, "1.00", now().plus(Duration.ofHours(1)), null));
        String bidId = bid(TestTokens.user(UUID.randomUUID(), "Tracy"), auction, 12).then().statusCode(201)
                .extract().path("bidId");

        List<ConsumerRecord<String, String>> placed = KafkaTestClient.await(Topics.BID_PLACED,
                r -> auction.toString().equals(r.key()) && r.value().contains(bidId), 1, Duration.ofSeconds(20));
        String traceParent = KafkaTestClient.header(placed.get(0), "traceparent");
        assertNotNull(traceParent, "the record carries a trace");
        String traceId = traceParent.split("-")[1];

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<SpanData> trace = TestSpans.ofTrace(traceId);
            SpanData request = trace.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst()
                    .orElseThrow(() -> new AssertionError("no such span (yet) in " + TestSpans.describe()));
            assertEquals("POST /api/bids", request.getName());
            SpanData publish = trace.stream().filter(s -> s.getName().equals("bid-placed publish")).findFirst()
                    .orElseThrow(() -> new AssertionError("no such span (yet) in " + TestSpans.describe()));
            assertEquals(SpanKind.PRODUCER, publish.getKind());
            assertTrue(publish.getEndEpochNanos() >= request.getStartEpochNanos());
            assertEquals(publish.getSpanId(), traceParent.split("-")[2], "the record's parent is the publish span");
        });
    }
}
