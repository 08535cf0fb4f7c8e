package dev.gavel.auction;

import dev.gavel.testkit.TestClocks;
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
import dev.gavel.testkit.TestEvents;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Photos, PATCH with its state rules, cancel, ownership, and the seller's own lists. */
@CatalogTest
class AuctionEditingTest {

    final ObjectMapper mapper = new ObjectMapper();

    @Inject
    AuctionRepository auctions;

    final UUID seller = UUID.randomUUID();
    final String sellerToken = TestTokens.user(seller, "Sally Seller");
    final UUID other = UUID.randomUUID();
    final String otherToken = TestTokens.user(other, "Mallory");

    String create(Map<String, Object> body) {
        return given().auth().oauth2(sellerToken).contentType(ContentType.JSON).body(body)
                .post("/api/auctions").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> body() {
        return AuctionResourceTest.auction(TestClocks.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
    }

    void patch(String id, String token, Object patch, int status) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(patch)
                .patch("/api/auctions/" + id).then().statusCode(status);
    }

    /** bidding-service accepted a bid: the catalog learns it from Kafka. */
    void bidArrives(String id) {
        String endsAt = given().get("/api/auctions/" + id).then().extract().path("endsAt");
        KafkaTestClient.publish(BiddingEventsListenerTest.bidPlaced(UUID.randomUUID(), id, UUID.randomUUID(), "Bob",
                "100.00", 1, 1, endsAt));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().get("/api/auctions/" + id).then().body("bidCount", equalTo(1)));
    }

    @Inject
    jakarta.persistence.EntityManager entityManager;

    long pendingOutboxEvents() {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM outbox_event").getSingleResult()).longValue());
    }

    @Test
    void photosAreTheSellersOwnMediaInOrderWithOneMain() {
        UUID first = MediaStubResource.upload(seller);
        UUID second = MediaStubResource.upload(seller);
        Map<String, Object> body = body();
        body.put("photos", List.of(Map.of("mediaId", first.toString()), Map.of("mediaId", second.toString(), "main", true)));
        String id = create(body);
        given().get("/api/auctions/" + id).then().statusCode(200)
                .body("photos.mediaId", contains(first.toString(), second.toString()))
                .body("photos.main", contains(false, true))
                .body("photos[0].url", equalTo("/api/media/" + first))
                .body("photos[0].thumbnailUrl", equalTo("/api/media/" + first + "/thumbnail"));

        // no main given: the first one is main
        Map<String, Object> plain = body();
        plain.put("photos", List.of(Map.of("mediaId", second.toString()), Map.of("mediaId", first.toString())));
        given().get("/api/auctions/" + create(plain)).then().body("photos.main", contains(true, false));

        // reorder and drop one by PATCH
        patch(id, sellerToken, Map.of("photos", List.of(Map.of("mediaId", second.toString()))), 200);
        given().get("/api/auctions/" + id).then()
                .body("photos.mediaId", contains(second.toString())).body("photos.main", contains(true));
    }

    @Test
    void photosThatAreNotTheCallersAreRefusedAndNothingIsStored() {
        long before = auctions.count();
        UUID mine = MediaStubResource.upload(seller);
        UUID theirs = MediaStubResource.upload(other);
        Map<String, Object> body = body();
        body.put("photos", List.of(Map.of("mediaId", mine.toString()), Map.of("mediaId", theirs.toString()),
                Map.of("mediaId", UUID.randomUUID().toString())));
        given().auth().oauth2(sellerToken).contentType(ContentType.JSON).body(body).post("/api/auctions")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("photos[1].mediaId", "photos[2].mediaId"));

        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(Map.of("mediaId", mine.toString()));
        }
        body.put("photos", many);
        given().auth().oauth2(sellerToken).contentType(ContentType.JSON).body(body).post("/api/auctions")
                .then().statusCode(400).body("errors.field", hasItems("photos"));

        body.put("photos", List.of(Map.of("mediaId", mine.toString(), "main", true),
                Map.of("mediaId", MediaStubResource.upload(seller).toString(), "main", true),
                Map.of("mediaId", mine.toString())));
        given().auth().oauth2(sellerToken).contentType(ContentType.JSON).body(body).post("/api/auctions")
                .then().statusCode(400).body("errors.message",
                        hasItems("only one photo can be the main photo", "must not repeat a media id"));

        body.put("photos", List.of(Map.of("mediaId", MediaStubResource.broken().toString())));
        given().auth().oauth2(sellerToken).contentType(ContentType.JSON).body(body).post("/api/auctions")
                .then().statusCode(503).contentType(Problem.MEDIA_TYPE).body("code", equalTo("MEDIA_UNAVAILABLE"));
        assertEquals(before, auctions.count());
    }

    @Test
    void beforeTheFirstBidTheSellerChangesAnythingAndTheNewTermsArePublished() throws Exception {
        String id = create(body());
        Instant newEnd = TestClocks.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        given().auth().oauth2(sellerToken).contentType("application/merge-patch+json")
                .body(Map.of("title", "Vintage racing bicycle", "startingPrice", 80, "reservePrice", 120,
                        "buyNowPrice", 300, "endsAt", newEnd.toString(), "location", "Ghent"))
                .patch("/api/auctions/" + id).then().statusCode(200)
                .body("title", equalTo("Vintage racing bicycle"))
                .body("startingPrice", equalTo(80.0f))
                .body("currentPrice", equalTo(80.0f))
                .body("reservePrice", equalTo(120.0f))
                .body("buyNowPrice", equalTo(300.0f))
                .body("endsAt", equalTo(newEnd.toString()))
                .body("location", equalTo("Ghent"))
                .body("description", equalTo("A 1970s racing bicycle in good condition."));

        // clearing an optional term with null
        patch(id, sellerToken, java.util.Collections.singletonMap("buyNowPrice", null), 200);
        given().get("/api/auctions/" + id).then().body("buyNowPrice", nullValue());

        List<ConsumerRecord<String, String>> published = KafkaTestClient.await(Topics.AUCTION_PUBLISHED,
                r -> id.equals(r.key()), 3, Duration.ofSeconds(20));
        assertEquals(3, published.size(), "created, then re-published after each change of terms");
        var second = mapper.readTree(published.get(1).value());
        assertEquals("80.00", second.get("startingPrice").decimalValue().setScale(2).toPlainString());
        assertEquals("Vintage racing bicycle", second.get("title").asText());
        assertEquals(newEnd, Instant.parse(second.get("endsAt").asText()));
    }

    @Test
    void afterTheFirstBidOnlyTheContentChanges() {
        String id = create(body());
        bidArrives(id);
        given().auth().oauth2(sellerToken).contentType(ContentType.JSON).body(Map.of("startingPrice", 50))
                .patch("/api/auctions/" + id).then().statusCode(409).contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("TERMS_LOCKED"));
        given().auth().oauth2(sellerToken).contentType(ContentType.JSON)
                .body(Map.of("title", "Renamed", "endsAt", TestClocks.now().plus(9, ChronoUnit.DAYS).toString()))
                .patch("/api/auctions/" + id).then().statusCode(409);
        given().auth().oauth2(sellerToken).contentType(ContentType.JSON)
                .body(Map.of("description", "Now with new tyres.", "location", "Bruges"))
                .patch("/api/auctions/" + id).then().statusCode(200)
                .body("description", equalTo("Now with new tyres.")).body("startingPrice", equalTo(100.0f));
        given().get("/api/auctions/" + id).then().body("title", equalTo("Vintage bicycle"))
                .body("startingPrice", equalTo(100.0f)).body("location", equalTo("Bruges"));
    }

    @Test
    void aScheduledAuctionCanBeRescheduled() {
        Map<String, Object> body = body();
        body.put("startsAt", TestClocks.now().plus(2, ChronoUnit.HOURS).toString());
        String id = create(body);
        Instant start = TestClocks.now().plus(5, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.plus(2, ChronoUnit.DAYS);
        given().auth().oauth2(sellerToken).contentType(ContentType.JSON)
                .body(Map.of("startsAt", start.toString(), "endsAt", end.toString()))
                .patch("/api/auctions/" + id).then().statusCode(200)
                .body("status", equalTo("SCHEDULED"))
                .body("startsAt", equalTo(start.toString())).body("endsAt", equalTo(end.toString()));
        given().auth().oauth2(sellerToken).contentType(ContentType.JSON)
                .body(Map.of("endsAt", start.minus(1, ChronoUnit.HOURS).toString()))
                .patch("/api/auctions/" + id).then().statusCode(400).body("errors.field", hasItems("endsAt"));
        given().auth().oauth2(sellerToken).contentType(ContentType.JSON)
                .body(Map.of("startsAt", TestClocks.now().minus(2, ChronoUnit.HOURS).toString()))
                .patch("/api/auctions/" + id).then().statusCode(400).body("errors.field", hasItems("startsAt"));
    }

    @Test
    void badPatchesAndOtherUsersPatchesChangeNothing() {
        String id = create(body());
        String before = given().auth().oauth2(sellerToken).get("/api/auctions/" + id).then().extract().asString();

        given().auth().oauth2(otherToken).contentType(ContentType.JSON).body(Map.of("title", "Mine now"))
                .patch("/api/auctions/" + id).then().statusCode(403).contentType(Problem.MEDIA_TYPE).body("code", equalTo("NOT_SELLER"));
        given().contentType(ContentType.JSON).body(Map.of("title", "Mine now"))
                .patch("/api/auctions/" + id).then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(sellerToken).contentType(ContentType.JSON).body(Map.of("status", "CLOSED", "title", "x y z"))
                .patch("/api/auctions/" + id).then().statusCode(409).contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("FIELD_NOT_EDITABLE"));
        given().auth().oauth2(sellerToken).contentType(ContentType.JSON).body(Map.of("colour", "red"))
                .patch("/api/auctions/" + id).then().statusCode(400).body("errors.field", contains("colour"));
        given().auth().oauth2(sellerToken).contentType(ContentType.JSON)
                .body(Map.of("startingPrice", -1, "title", "", "description", "fine"))
                .patch("/api/auctions/" + id).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItems("startingPrice", "title"));
        given().auth().oauth2(sellerToken).contentType(ContentType.JSON).body(Map.of("reservePrice", 50))
                .patch("/api/auctions/" + id).then().statusCode(400).body("errors.field", contains("reservePrice"));
        given().auth().oauth2(sellerToken).contentType(ContentType.JSON).body(Map.of("startingPrice", "cheap"))
                .patch("/api/auctions/" + id).then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(sellerToken).contentType(ContentType.JSON).body("[1,2]")
                .patch("/api/auctions/" + id).then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(sellerToken).contentType(ContentType.JSON).body(Map.of("title", "x"))
                .patch("/api/auctions/" + UUID.randomUUID()).then().statusCode(404).contentType(Problem.MEDIA_TYPE);

        String after = given().auth().oauth2(sellerToken).get("/api/auctions/" + id).then().extract().asString();
        assertEquals(before, after);
    }

    @Test
    void aClosedAuctionIsNotEdited() {
        String id = create(body());
        KafkaTestClient.publish(TestEvents.unsold(UUID.fromString(id), seller, 0, 1));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().get("/api/auctions/" + id).then().body("status", equalTo("CLOSED")));
        given().auth().oauth2(sellerToken).contentType(ContentType.JSON).body(Map.of("description", "late"))
                .patch("/api/auctions/" + id).then().statusCode(409).body("code", equalTo("AUCTION_NOT_EDITABLE"));
        given().auth().oauth2(sellerToken).delete("/api/auctions/" + id).then().statusCode(409)
                .body("code", equalTo("AUCTION_CLOSED"));
    }

    @Test
    void theSellerCancelsWhileThereAreNoBidsAndAnAdminAlways() {
        String id = create(body());
        given().auth().oauth2(otherToken).delete("/api/auctions/" + id).then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        given().delete("/api/auctions/" + id).then().statusCode(401);
        given().get("/api/auctions/" + id).then().body("status", equalTo("ACTIVE"));

        given().auth().oauth2(sellerToken).delete("/api/auctions/" + id).then().statusCode(204);
        given().get("/api/auctions/" + id).then().body("status", equalTo("CANCELLED")).body("outcome", nullValue());
        given().auth().oauth2(sellerToken).delete("/api/auctions/" + id).then().statusCode(204);
        // once the outbox has nothing left to send, the topic holds every event the two DELETEs wrote
        await().atMost(Duration.ofSeconds(20)).until(() -> pendingOutboxEvents() == 0);
        List<ConsumerRecord<String, String>> cancelled = KafkaTestClient.readToEnd(Topics.AUCTION_CANCELLED,
                r -> id.equals(r.key()));
        assertEquals(1, cancelled.size(), "one auction-cancelled, however often DELETE is repeated");
        assertEquals("dev.gavel.auction-cancelled", KafkaTestClient.header(cancelled.get(0), "ce_type"));

        String withBids = create(body());
        bidArrives(withBids);
        given().auth().oauth2(sellerToken).delete("/api/auctions/" + withBids).then().statusCode(409)
                .contentType(Problem.MEDIA_TYPE).body("code", equalTo("AUCTION_HAS_BIDS"));
        given().auth().oauth2(TestTokens.admin(UUID.randomUUID(), "Ada")).delete("/api/auctions/" + withBids + "?reason=fraud")
                .then().statusCode(204);
        given().get("/api/auctions/" + withBids).then().body("status", equalTo("CANCELLED"));
        List<ConsumerRecord<String, String>> events = KafkaTestClient.await(Topics.AUCTION_CANCELLED,
                r -> withBids.equals(r.key()), 1, Duration.ofSeconds(20));
        assertEquals(1, events.size());
        assertEquals(true, events.get(0).value().contains("\"reason\":\"fraud\""));
    }

    @Test
    void mineListsTheCallersActiveAndArchivedAuctions() {
        UUID me = UUID.randomUUID();
        String token = TestTokens.user(me, "Mina");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(given().auth().oauth2(token).contentType(ContentType.JSON).body(body()).post("/api/auctions")
                    .then().statusCode(201).extract().path("id"));
        }
        create(body()); // somebody else's
        given().auth().oauth2(token).delete("/api/auctions/" + ids.get(0)).then().statusCode(204);

        given().auth().oauth2(token).get("/api/auctions/mine?state=active").then().statusCode(200)
                .body("totalItems", equalTo(2)).body("items.id", org.hamcrest.Matchers.containsInAnyOrder(ids.get(1), ids.get(2)))
                .body("items[0].reservePrice", equalTo(150.0f));
        given().auth().oauth2(token).get("/api/auctions/mine?state=archived").then().statusCode(200)
                .body("totalItems", equalTo(1)).body("items[0].id", equalTo(ids.get(0)));
        given().auth().oauth2(token).get("/api/auctions/mine").then().body("totalItems", equalTo(3));
        given().auth().oauth2(token).get("/api/auctions/mine?state=sold").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("state"));
        given().get("/api/auctions/mine").then().statusCode(401);
    }
}
