package dev.gavel.auction;

import dev.gavel.testkit.TestClocks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.auction.repository.AuctionRepository;
import dev.gavel.events.Topics;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.TestTokens;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import dev.gavel.common.problem.Problem;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@CatalogTest
class AuctionResourceTest {

    final ObjectMapper mapper = new ObjectMapper();

    @Inject
    dev.gavel.common.http.ClientAddresses addresses;

    @Inject
    AuctionRepository auctions;

    @Inject
    dev.gavel.auction.service.AuctionLifecycle lifecycle;

    static Map<String, Object> auction(Instant endsAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Vintage bicycle");
        body.put("description", "A 1970s racing bicycle in good condition.");
        body.put("startingPrice", 100.00);
        body.put("reservePrice", 150.00);
        body.put("minIncrement", 5.00);
        body.put("endsAt", endsAt.toString());
        body.put("softClose", Map.of("window", "PT60S", "extension", "PT30S", "mode", "EXTEND"));
        return body;
    }

    @Test
    void createdAuctionIsStoredAndItsTermsArePublishedToKafka() throws Exception {
        UUID seller = UUID.randomUUID();
        Instant endsAt = TestClocks.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String id = given().auth().oauth2(TestTokens.user(seller, "Sally Seller"))
                .contentType(ContentType.JSON).body(auction(endsAt))
                .post("/api/auctions")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/auctions/"))
                .body("sellerId", equalTo(seller.toString()))
                .body("status", equalTo("ACTIVE"))
                .body("type", equalTo("FORWARD"))
                .body("currency", equalTo("EUR"))
                .body("currentPrice", equalTo(100.0f))
                .body("bidCount", equalTo(0))
                .body("reservePrice", equalTo(150.0f))
                .body("reserveMet", equalTo(false))
                .body("softClose.window", equalTo("PT1M"))
                .body("endsAt", equalTo(endsAt.toString()))
                .extract().path("id");

        // others do not see the reserve price
        given().get("/api/auctions/" + id).then().statusCode(200)
                .body("title", equalTo("Vintage bicycle")).body("reservePrice", nullValue());
        given().auth().oauth2(TestTokens.user(seller, "Sally Seller")).get("/api/auctions/" + id)
                .then().statusCode(200).body("reservePrice", equalTo(150.0f));

        List<ConsumerRecord<String, String>> records = KafkaTestClient.await(Topics.AUCTION_PUBLISHED,
                r -> id.equals(r.key()), 1, Duration.ofSeconds(20));
        assertEquals(1, records.size(), "auction-published reaches Kafka");
        ConsumerRecord<String, String> record = records.get(0);
        JsonNode event = mapper.readTree(record.value());
        assertEquals(id, event.get("auctionId").asText());
        assertEquals(seller.toString(), event.get("sellerId").asText());
        assertEquals("100.00", event.get("startingPrice").decimalValue().setScale(2).toPlainString());
        assertEquals(event.get("eventId").asText(), KafkaTestClient.header(record, "ce_id"));
        assertEquals("dev.gavel.auction-published", KafkaTestClient.header(record, "ce_type"));
        assertEquals("1.0", KafkaTestClient.header(record, "ce_specversion"));
        assertEquals("/gavel/auction-service", KafkaTestClient.header(record, "ce_source"));
        assertEquals(id, KafkaTestClient.header(record, "ce_subject"));
        assertEquals("application/json", KafkaTestClient.header(record, "content-type"));
        assertEquals(java.time.Instant.parse(event.get("publishedAt").asText()).truncatedTo(ChronoUnit.MICROS),
                java.time.OffsetDateTime.parse(KafkaTestClient.header(record, "ce_time")).toInstant(),
                "ce_time is when the event happened, as an RFC 3339 time");
    }

    @Test
    void theSellersAddressReachesTheEngineOnlyAsAKeyedHash() throws Exception {
        UUID seller = UUID.randomUUID();
        String id = given().auth().oauth2(TestTokens.user(seller, "Sally Seller")).contentType(ContentType.JSON)
                .header("X-Forwarded-For", "203.0.113.9") // from the gateway (a trusted proxy): the client's address
                .body(auction(TestClocks.now().plus(1, ChronoUnit.HOURS))).post("/api/auctions")
                .then().statusCode(201).extract().path("id");
        JsonNode event = mapper.readTree(KafkaTestClient.await(Topics.AUCTION_PUBLISHED, r -> id.equals(r.key()), 1,
                Duration.ofSeconds(20)).get(0).value());
        String hash = event.get("sellerAddressHash").asText();
        assertEquals(addresses.hash("203.0.113.9"), hash);
        assertEquals(32, hash.length());
        org.junit.jupiter.api.Assertions.assertFalse(event.toString().contains("203.0.113.9"), "never the address itself");
        org.junit.jupiter.api.Assertions.assertNotEquals(dev.gavel.common.Hashing.sha256("203.0.113.9").substring(0, 32),
                hash, "keyed: not a plain hash anyone could compute");
        given().auth().oauth2(TestTokens.user(seller, "Sally Seller")).get("/api/auctions/" + id).then().statusCode(200)
                .body("sellerAddressHash", nullValue());
    }

    @Test
    void aDepositIsATermOfTheAuctionAndReachesTheEngineAndPaymentsInItsTerms() throws Exception {
        UUID seller = UUID.randomUUID();
        Map<String, Object> body = auction(TestClocks.now().plus(1, ChronoUnit.HOURS));
        body.put("depositRequired", 25.00);
        String id = given().auth().oauth2(TestTokens.user(seller, "Sally Seller")).contentType(ContentType.JSON)
                .body(body).post("/api/auctions")
                .then().statusCode(201).body("depositRequired", equalTo(25.0f)).extract().path("id");
        given().get("/api/auctions/" + id).then().statusCode(200).body("depositRequired", equalTo(25.0f));
        JsonNode event = mapper.readTree(KafkaTestClient.await(Topics.AUCTION_PUBLISHED, r -> id.equals(r.key()), 1,
                Duration.ofSeconds(20)).get(0).value());
        assertEquals("25.00", event.get("depositRequired").decimalValue().setScale(2).toPlainString());

        Map<String, Object> negative = auction(TestClocks.now().plus(1, ChronoUnit.HOURS));
        negative.put("depositRequired", -1);
        given().auth().oauth2(TestTokens.user(seller, "Sally Seller")).contentType(ContentType.JSON).body(negative)
                .post("/api/auctions").then().statusCode(400).body("errors.field", hasItem("depositRequired"));
        Map<String, Object> reverse = auction(TestClocks.now().plus(1, ChronoUnit.HOURS));
        reverse.put("type", "REVERSE");
        reverse.remove("reservePrice");
        reverse.put("depositRequired", 10);
        given().auth().oauth2(TestTokens.user(seller, "Sally Seller")).contentType(ContentType.JSON).body(reverse)
                .post("/api/auctions").then().statusCode(400).body("errors.field", hasItem("depositRequired"));
    }

    @Test
    void invalidAuctionsAreRefusedWithTheFieldsNamedAndNothingIsStored() {
        long before = auctions.count();
        String token = TestTokens.user(UUID.randomUUID(), "Sally Seller");
        Map<String, Object> body = auction(TestClocks.now().minus(1, ChronoUnit.HOURS));
        body.put("startingPrice", 10.123);
        body.put("reservePrice", -5);
        body.put("title", "");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/auctions")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItems("startingPrice", "reservePrice", "title"));

        Map<String, Object> rules = auction(TestClocks.now().minus(1, ChronoUnit.HOURS));
        rules.put("reservePrice", 50);
        rules.put("buyNowPrice", 60);
        rules.put("softClose", Map.of("window", "sixty seconds", "extension", "PT30S", "mode", "EXTEND"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(rules)
                .post("/api/auctions")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItems("endsAt", "reservePrice", "softClose.window"));

        Map<String, Object> tooLong = auction(TestClocks.now().plus(400, ChronoUnit.DAYS));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(tooLong)
                .post("/api/auctions").then().statusCode(400).body("errors.field", hasItem("endsAt"));

        given().contentType(ContentType.JSON).body(auction(TestClocks.now().plusSeconds(3600)))
                .post("/api/auctions").then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        assertEquals(before, auctions.count());
    }

    @Test
    void anUnverifiedAddressCannotSell() {
        long before = auctions.count();
        given().auth().oauth2(TestTokens.unverified(UUID.randomUUID(), "Throwaway")).contentType(ContentType.JSON)
                .body(auction(TestClocks.now().plus(1, ChronoUnit.HOURS))).post("/api/auctions")
                .then().statusCode(403).contentType(Problem.MEDIA_TYPE).body("code", equalTo("EMAIL_NOT_VERIFIED"));
        assertEquals(before, auctions.count(), "nothing stored");
    }

    @Test
    void unknownAuctionIs404() {
        given().get("/api/auctions/" + UUID.randomUUID()).then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("AUCTION_NOT_FOUND"));
        // a path that leaves its prefix is refused before any route sees it (CONTRACT §1: 400/404)
        given().urlEncodingEnabled(false).get("/api/auctions/../../etc").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("code", equalTo("PATH_NOT_NORMAL"));
    }

    @Test
    void scheduledAuctionOpensWhenItsStartComes() {
        Instant start = TestClocks.now().plus(1, ChronoUnit.HOURS);
        Map<String, Object> body = auction(start.plus(1, ChronoUnit.HOURS));
        body.put("startsAt", start.toString());
        String id = given().auth().oauth2(TestTokens.user(UUID.randomUUID(), "S"))
                .contentType(ContentType.JSON).body(body).post("/api/auctions")
                .then().statusCode(201).body("status", equalTo("SCHEDULED")).extract().path("id");
        lifecycle.activateDue();
        given().get("/api/auctions/" + id).then().body("status", equalTo("SCHEDULED"));

        TestClocks.CLOCK.advance(Duration.between(TestClocks.now(), start).plusSeconds(1));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/api/auctions/" + id).then().body("status", equalTo("ACTIVE")));
    }

    /** A start that passed while no replica ran (the row is still SCHEDULED) is caught up at the next tick. */
    @Test
    void aStartMissedWhileTheServiceWasDownIsCaughtUp() {
        String id = given().auth().oauth2(TestTokens.user(UUID.randomUUID(), "S")).contentType(ContentType.JSON)
                .body(auction(TestClocks.now().plus(1, ChronoUnit.HOURS))).post("/api/auctions")
                .then().statusCode(201).extract().path("id");
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            var a = auctions.findById(UUID.fromString(id));
            a.status = dev.gavel.auction.Auction.Status.SCHEDULED;
            a.startsAt = TestClocks.now().minus(10, ChronoUnit.MINUTES);
        });
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/api/auctions/" + id).then().body("status", equalTo("ACTIVE")));
    }
}
