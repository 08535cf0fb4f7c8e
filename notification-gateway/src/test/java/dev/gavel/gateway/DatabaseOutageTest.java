package dev.gavel.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.PostgresResource;
import dev.gavel.testkit.TestEvents;
import dev.gavel.testkit.TestTokens;
import dev.gavel.testkit.WsTestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * PostgreSQL goes down (the server stops). The live feed needs no database: the gateway stays ready and a watcher who
 * arrives meanwhile gets the bids. The inbox waits, shown in the readiness data without failing it; its REST answers
 * 503 with {@code Retry-After}; the notification of a bid placed during the outage is there once the database is back.
 */
@GatewayTest
class DatabaseOutageTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URI base;

    URI ws(String path) {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + path);
    }

    @Test
    void theLiveFeedOutlivesADatabaseOutageAndTheInboxCatchesUp() {
        UUID auction = UUID.randomUUID();
        UUID outbid = UUID.randomUUID();
        String token = TestTokens.user(outbid, "Olive");
        BiddingStateStub.state(auction.toString(), 1, "10.00");
        long[] sequence = {3};
        try (PostgresResource.Outage outage = PostgresResource.outage()) {
            KafkaTestClient.publish(TestEvents.bidPlaced(UUID.randomUUID(), auction, UUID.randomUUID(), "Rival",
                    outbid, "20.00", 2));
            await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then()
                    .statusCode(200)
                    .body("checks.findAll { it.name == 'event inbox' }.status", hasItem("UP"))
                    .body("checks.find { it.name == 'event inbox' }.data.toString()", containsString("waiting since")));

            // the engine's state now, as a watcher's snapshot shows it (the stub stands in for bidding-service)
            BiddingStateStub.state(auction.toString(), 2, "20.00");
            try (WsTestClient watcher = WsTestClient.connect(ws("/ws/auctions/" + auction));
                 WsTestClient personal = WsTestClient.connect(ws("/ws/notifications?access_token=" + token))) {
                watcher.next(WAIT); // snapshot
                // outbid again, live: the personal feed opened without its unread count (a query), and the frame's
                // title would be one too (the event has none): it goes out untitled rather than not at all. Outbid
                // until a frame comes (the feed joins as its handshake ends, and it sends nothing first to wait on)
                await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                    KafkaTestClient.publish(TestEvents.bidPlaced(UUID.randomUUID(), auction, UUID.randomUUID(),
                            "Rival", outbid, (10 * sequence[0]) + ".00", sequence[0]++));
                    return personal.pending() > 0;
                });
                JsonNode outbidFrame = personal.next(WAIT);
                assertEquals("outbid", outbidFrame.get("type").asText(), outbidFrame.toString());
                assertEquals(auction.toString(), outbidFrame.get("auctionId").asText());
                JsonNode frame = AuctionFeedEndpointTest.nextOfType(watcher, "bid-placed");
                assertEquals(3, frame.get("sequence").asLong(), "the watcher gets every bid from the snapshot on");
            }
            given().auth().oauth2(token).get("/api/notifications").then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue());
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(token)
                .get("/api/notifications").then()
                .statusCode(200)
                .body("items.findAll { it.auctionId == '" + auction + "' }.type",
                        equalTo(java.util.Collections.nCopies((int) sequence[0] - 2, "outbid"))));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'event inbox' }.data", nullValue());
    }
}
