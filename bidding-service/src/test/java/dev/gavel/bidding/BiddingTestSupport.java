package dev.gavel.bidding;

import dev.gavel.testkit.TestClocks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.bidding.service.BidLog;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Publishes auction terms on the real broker, as auction-service would, and waits until the engine has them. */
public final class BiddingTestSupport {

    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private BiddingTestSupport() {
    }

    public static AuctionPublished terms(UUID seller, String start, String reserve, String increment, Instant endsAt,
            SoftClose softClose) {
        UUID auctionId = UUID.randomUUID();
        return new AuctionPublished(UUID.randomUUID(), auctionId, seller, "Lot " + auctionId, AuctionType.FORWARD,
                "EUR", new BigDecimal(start), reserve == null ? null : new BigDecimal(reserve), null,
                increment == null ? null : new BigDecimal(increment), softClose, now().minusSeconds(1),
                endsAt, now());
    }

    /** The engine's time (the test clock, which tests move). */
    public static Instant now() {
        return TestClocks.CLOCK.instant();
    }

    static void publish(AuctionPublished terms) {
        KafkaTestClient.publish(terms);
    }

    public static UUID publishAndAwait(AuctionPublished terms) {
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

    /** The auction's public bid log ({@code GET /api/bids/auctions/{id}/log}). */
    public static JsonNode log(UUID auction) throws Exception {
        return MAPPER.readTree(given().get("/api/bids/auctions/" + auction + "/log").then().statusCode(200).extract()
                .asString());
    }

    /** The entries of a bid log, as {@link BidLog#firstBroken} recomputes them. */
    public static List<BidLog.Entry> logEntries(JsonNode log) {
        List<BidLog.Entry> entries = new ArrayList<>();
        for (JsonNode e : log.get("entries")) {
            entries.add(new BidLog.Entry(e.get("sequence").asLong(), UUID.fromString(e.get("bidId").asText()),
                    e.get("bidder").asText(), new BigDecimal(e.get("amount").asText()), e.get("automatic").asBoolean(),
                    Instant.parse(e.get("placedAt").asText()), e.get("prevHash").asText(), e.get("hash").asText()));
        }
        return entries;
    }
}
