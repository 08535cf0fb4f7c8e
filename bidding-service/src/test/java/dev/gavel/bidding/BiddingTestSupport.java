package dev.gavel.bidding;

import dev.gavel.testkit.TestClocks;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.gavel.events.AuctionPublished;
import dev.gavel.events.AuctionType;
import dev.gavel.events.SoftClose;
import dev.gavel.testkit.KafkaTestClient;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Publishes auction terms on the real broker, as auction-service would, and waits until the engine has them. */
final class BiddingTestSupport {

    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private BiddingTestSupport() {
    }

    static AuctionPublished terms(UUID seller, String start, String reserve, String increment, Instant endsAt,
            SoftClose softClose) {
        UUID auctionId = UUID.randomUUID();
        return new AuctionPublished(UUID.randomUUID(), auctionId, seller, "Lot " + auctionId, AuctionType.FORWARD,
                "EUR", new BigDecimal(start), reserve == null ? null : new BigDecimal(reserve), null,
                increment == null ? null : new BigDecimal(increment), softClose, now().minusSeconds(1),
                endsAt, now());
    }

    /** The engine's time (the test clock, which tests move). */
    static Instant now() {
        return TestClocks.CLOCK.instant();
    }

    static void publish(AuctionPublished terms) {
        KafkaTestClient.publish(terms);
    }

    static UUID publishAndAwait(AuctionPublished terms) {
        publish(terms);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                given().get("/api/bids/auctions/" + terms.auctionId() + "/state").statusCode() == 200);
        return terms.auctionId();
    }

    static Response bid(String token, UUID auctionId, Object amount) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("auctionId", auctionId.toString(), "amount", amount))
                .post("/api/bids");
    }
}
