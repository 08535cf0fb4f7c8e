package dev.gavel.auction;

import dev.gavel.events.AuctionClosed;
import dev.gavel.events.Topics;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.PostgresResource;
import dev.gavel.testkit.TestClocks;
import dev.gavel.testkit.TestEvents;
import dev.gavel.testkit.TestTokens;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL goes down (really: the server stops) while the engine's events arrive. Nothing is dead-lettered: the
 * consumer waits, says it is not ready, and applies every event once the database is back. Requests meanwhile are 503
 * with {@code Retry-After}, not 500.
 */
@CatalogTest
class DatabaseOutageTest {

    @Test
    void eventsConsumedDuringAnOutageAreAppliedWhenTheDatabaseIsBack() {
        UUID seller = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        String id = given().auth().oauth2(TestTokens.user(seller, "Sally")).contentType(ContentType.JSON)
                .body(AuctionResourceTest.auction(TestClocks.now().plus(1, ChronoUnit.HOURS)))
                .post("/api/auctions").then().statusCode(201).extract().path("id");
        String endsAt = TestClocks.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();

        try (PostgresResource.Outage outage = PostgresResource.outage()) {
            KafkaTestClient.publish(BiddingEventsListenerTest.bidPlaced(UUID.randomUUID(), id, bob, "Bob", "150.00", 1, 1, endsAt));
            AuctionClosed closed = TestEvents.sold(UUID.fromString(id), seller, bob, "Bob", "150.00", 1, 2);
            KafkaTestClient.publish(closed);

            // the consumer waits for the database and says so
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                    .statusCode(503)
                    .body("checks.findAll { it.name == 'event inbox' }.status", hasItem("DOWN")));
            // a reader is told to come back, not that the server broke
            given().get("/api/auctions/" + id).then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                    .body("code", equalTo("SERVICE_UNAVAILABLE"));
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/api/auctions/" + id).then()
                .statusCode(200)
                .body("status", equalTo("CLOSED"))
                .body("outcome", equalTo("SOLD"))
                .body("finalPrice", equalTo(150.0f))
                .body("bidCount", equalTo(1)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));

        for (String topic : List.of(Topics.BID_PLACED, Topics.AUCTION_CLOSED)) {
            List<ConsumerRecord<String, String>> dead = KafkaTestClient.readToEnd("auction-service." + topic + ".dlq",
                    r -> id.equals(r.key()));
            assertTrue(dead.isEmpty(), "nothing of " + id + " was dead-lettered on " + topic + ": " + dead);
        }
    }

    @Test
    void aPoisonRecordIsDeadLetteredAtOnceWithItsReason() {
        String id = UUID.randomUUID().toString();
        KafkaTestClient.send(Topics.AUCTION_CLOSED, id, "{\"eventId\": 42");
        var dead = KafkaTestClient.await("auction-service.auction-closed.dlq", r -> id.equals(r.key()), 1,
                Duration.ofSeconds(20));
        assertEquals(1, dead.size());
        String reason = KafkaTestClient.header(dead.get(0), "dead-letter-reason");
        assertTrue(reason != null && !reason.isBlank(), "the reason travels in a header");
        assertEquals("auction-closed", KafkaTestClient.header(dead.get(0), "dead-letter-topic"));
    }
}
