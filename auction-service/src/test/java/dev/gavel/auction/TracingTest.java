package dev.gavel.auction;

import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.TestClocks;
import dev.gavel.testkit.TestSpans;
import dev.gavel.testkit.TestTokens;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The catalog applies a {@code bid-placed} in the trace of the bid (the record's {@code traceparent}). */
@CatalogTest
class TracingTest {

    @Test
    void applyingABidJoinsTheTraceOfTheRequestThatPlacedIt() {
        String id = given().auth().oauth2(TestTokens.user(UUID.randomUUID(), "Sally")).contentType(ContentType.JSON)
                .body(AuctionResourceTest.auction(TestClocks.now().plus(1, ChronoUnit.HOURS)))
                .post("/api/auctions").then().statusCode(201).extract().path("id");
        String endsAt = TestClocks.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        String traceId = KafkaTestClient.publishTraced(BiddingEventsListenerTest.bidPlaced(UUID.randomUUID(), id,
                UUID.randomUUID(), "Bob", "150.00", 1, 1, endsAt));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            SpanData process = TestSpans.ofTrace(traceId).stream()
                    .filter(s -> s.getName().equals("bid-placed process")).findFirst()
                    .orElseThrow(() -> new AssertionError("no such span (yet) in " + TestSpans.describe()));
            assertEquals(SpanKind.CONSUMER, process.getKind());
            assertEquals(traceId.substring(0, 16), process.getParentSpanId(), "a child of the producer's span");
        });
        given().get("/api/auctions/" + id).then().body("bidCount", org.hamcrest.Matchers.equalTo(1));
    }
}
