package dev.gavel.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.TestEvents;
import dev.gavel.testkit.TestSpans;
import dev.gavel.testkit.WsTestClient;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The WebSocket fan-out of a {@code bid-placed} is a span in the trace of the bid (the record's traceparent). */
@GatewayTest
class TracingTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void theFramesOfABidAreSentInTheTraceOfTheBid() {
        UUID auction = UUID.randomUUID();
        BiddingStateStub.state(auction.toString(), 0, "5.00");
        try (WsTestClient watcher = WsTestClient.connect(URI.create("ws://" + base.getHost() + ":" + base.getPort()
                + "/ws/auctions/" + auction))) {
            watcher.next(Duration.ofSeconds(15)); // snapshot
            String traceId = KafkaTestClient.publishTraced(TestEvents.bidPlaced(auction, "Bob", "10.00", 1));
            JsonNode frame = AuctionFeedEndpointTest.nextOfType(watcher, "bid-placed");
            assertEquals(1, frame.get("sequence").asLong());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                SpanData relay = TestSpans.ofTrace(traceId).stream()
                        .filter(s -> s.getName().equals("bid-placed relay")).findFirst()
                    .orElseThrow(() -> new AssertionError("no such span (yet) in " + TestSpans.describe()));
                assertEquals(SpanKind.CONSUMER, relay.getKind());
                assertEquals(traceId.substring(0, 16), relay.getParentSpanId());
            });
        }
    }
}
