package dev.gavel.bidding;

import dev.gavel.testkit.TestClocks;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.bidding.repository.BidRepository;
import dev.gavel.events.AuctionPublished;
import dev.gavel.events.SoftClose;
import dev.gavel.events.Topics;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import dev.gavel.common.problem.Problem;
import dev.gavel.common.error.DomainException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.gavel.bidding.BiddingTestSupport.bid;
import static dev.gavel.bidding.BiddingTestSupport.publishAndAwait;
import static dev.gavel.bidding.BiddingTestSupport.terms;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static dev.gavel.bidding.BiddingTestSupport.now;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Proxy bidding, buy-now, Idempotency-Key, "mine", cancellation and soft close RESET, through the HTTP API. */
@BiddingTest
class EngineRulesTest {

    final UUID seller = UUID.randomUUID();
    final UUID ann = UUID.randomUUID();
    final UUID bob = UUID.randomUUID();
    final String annToken = TestTokens.user(ann, "Ann");
    final String bobToken = TestTokens.user(bob, "Bob");

    @Inject
    BidRepository bids;

    @Inject
    dev.gavel.bidding.service.BidEngine engine;

    @Inject
    dev.gavel.bidding.service.Idempotency idempotency;

    @Inject
    dev.gavel.bidding.service.BidBatcher batcher;

    @Inject
    jakarta.persistence.EntityManager entityManager;

    static Response proxyBid(String token, UUID auction, Object amount, Object max) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("auctionId", auction.toString(), "amount", amount, "maxAmount", max))
                .post("/api/bids");
    }

    @Test
    void anUnreadableCatalogRecordGoesToTheDeadLetterTopicAndLaterTermsStillArrive() {
        AuctionPublished good = terms(UUID.randomUUID(), "10.00", null, "1.00", now().plus(1, ChronoUnit.HOURS), null);
        String key = good.auctionId().toString();
        KafkaTestClient.send(Topics.AUCTION_PUBLISHED, key, "{\"auctionId\": 42");
        publishAndAwait(good);
        List<ConsumerRecord<String, String>> dead = KafkaTestClient.await("bidding-service.auction-published.dlq",
                r -> key.equals(r.key()), 1, Duration.ofSeconds(20));
        assertEquals(1, dead.size(), "the unreadable record is kept for inspection");
        assertEquals("{\"auctionId\": 42", dead.get(0).value());
    }

    @Test
    void anExistingProxyAnswersANewBidWithAnAutomaticCounterBid() throws Exception {
        UUID auction = publishAndAwait(terms(seller, "10.00", null, null, now().plus(1, ChronoUnit.HOURS), null));
        proxyBid(annToken, auction, 10, 50).then().statusCode(201).body("status", equalTo("LEADING"))
                .body("currentPrice", equalTo(10.0f)).body("maxAmount", equalTo(50.0f));
        bid(bobToken, auction, 20).then().statusCode(201).body("status", equalTo("OUTBID"))
                .body("currentPrice", equalTo(20.5f)).body("bidCount", equalTo(3)).body("minNextBid", equalTo(21.0f));
        given().queryParam("auctionId", auction).get("/api/bids").then()
                .body("items[0].automatic", equalTo(true)).body("items[0].amount", equalTo(20.5f))
                .body("items[0].bidder.displayName", equalTo("Ann"))
                .body("items[1].automatic", equalTo(false)).body("items[1].bidder.displayName", equalTo("Bob"));
        // Bob's proxy tops Ann's: he leads at her max + increment
        proxyBid(bobToken, auction, 21, 80).then().statusCode(201).body("status", equalTo("LEADING"))
                .body("currentPrice", equalTo(51.0f));
        // a maxAmount below the amount is refused, nothing stored
        proxyBid(annToken, auction, 60, 55).then().statusCode(400).contentType(Problem.MEDIA_TYPE);

        List<ConsumerRecord<String, String>> events = KafkaTestClient.await(Topics.BID_PLACED,
                r -> auction.toString().equals(r.key()), 4, Duration.ofSeconds(20));
        assertEquals(4, events.size());
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = BiddingTestSupport.MAPPER.readTree(events.get(i).value());
            assertEquals(i + 1, e.get("sequence").asLong(), "no gaps, in order");
            assertEquals(i == 2, e.get("automatic").asBoolean());
        }
        JsonNode counter = BiddingTestSupport.MAPPER.readTree(events.get(2).value());
        assertEquals(ann.toString(), counter.get("leaderId").asText());
        JsonNode bobLeads = BiddingTestSupport.MAPPER.readTree(events.get(3).value());
        assertEquals(ann.toString(), bobLeads.get("previousLeaderId").asText());
    }

    @Test
    void buyNowClosesTheAuctionSoldAtTheBuyNowPrice() throws Exception {
        var withBuyNow = new AuctionPublished(UUID.randomUUID(), UUID.randomUUID(), seller, "Lamp",
                dev.gavel.events.AuctionType.FORWARD, "EUR", new BigDecimal("10.00"), null, new BigDecimal("100.00"),
                new BigDecimal("1.00"), null, now().minusSeconds(1), now().plus(1, ChronoUnit.HOURS), now());
        UUID auction = publishAndAwait(withBuyNow);
        given().get("/api/bids/auctions/" + auction + "/state").then().body("buyNowAvailable", equalTo(true))
                .body("buyNowPrice", equalTo(100.0f));
        given().auth().oauth2(TestTokens.user(seller, "S")).contentType(ContentType.JSON)
                .body(Map.of("auctionId", auction.toString())).post("/api/bids/buy-now").then().statusCode(403);
        // the price the buyer saw is not the price now: nothing is bought
        given().auth().oauth2(annToken).contentType(ContentType.JSON)
                .body(Map.of("auctionId", auction.toString(), "expectedPrice", 90)).post("/api/bids/buy-now")
                .then().statusCode(409).contentType(Problem.MEDIA_TYPE).body("code", equalTo("PRICE_CHANGED"))
                .body("buyNowPrice", equalTo(100.0f));
        given().get("/api/bids/auctions/" + auction + "/state").then().body("status", equalTo("ACTIVE"))
                .body("sequence", equalTo(0));
        given().auth().oauth2(annToken).contentType(ContentType.JSON)
                .body(Map.of("auctionId", auction.toString(), "expectedPrice", 100.00))
                .post("/api/bids/buy-now").then().statusCode(201).body("amount", equalTo(100.0f));
        given().get("/api/bids/auctions/" + auction + "/state").then().body("status", equalTo("CLOSED"));
        given().auth().oauth2(bobToken).contentType(ContentType.JSON).body(Map.of("auctionId", auction.toString()))
                .post("/api/bids/buy-now").then().statusCode(409).contentType(Problem.MEDIA_TYPE).body("code", equalTo("AUCTION_NOT_ACTIVE"));
        JsonNode closed = BiddingTestSupport.MAPPER.readTree(KafkaTestClient.await(Topics.AUCTION_CLOSED,
                r -> auction.toString().equals(r.key()), 1, Duration.ofSeconds(20)).get(0).value());
        assertEquals("SOLD", closed.get("outcome").asText());
        assertEquals(ann.toString(), closed.get("winnerId").asText());
        assertEquals(0, new BigDecimal("100").compareTo(closed.get("finalPrice").decimalValue()));

        // once a bid is in (and there is no reserve), buy-now is gone
        var other = new AuctionPublished(UUID.randomUUID(), UUID.randomUUID(), seller, "Chair",
                dev.gavel.events.AuctionType.FORWARD, "EUR", new BigDecimal("10.00"), null, new BigDecimal("100.00"),
                new BigDecimal("1.00"), null, now().minusSeconds(1), now().plus(1, ChronoUnit.HOURS), now());
        UUID second = publishAndAwait(other);
        bid(bobToken, second, 10).then().statusCode(201);
        given().auth().oauth2(annToken).contentType(ContentType.JSON).body(Map.of("auctionId", second.toString()))
                .post("/api/bids/buy-now").then().statusCode(409).body("code", equalTo("BUY_NOW_UNAVAILABLE"));
    }

    @Test
    void theSameIdempotencyKeyReplaysTheAnswerAndCreatesNothingNew() {
        UUID auction = publishAndAwait(terms(seller, "10.00", null, "1.00", now().plus(1, ChronoUnit.HOURS), null));
        String key = UUID.randomUUID().toString();
        Response first = given().auth().oauth2(annToken).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("auctionId", auction.toString(), "amount", 10)).post("/api/bids");
        first.then().statusCode(201);
        Response retry = given().auth().oauth2(annToken).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("auctionId", auction.toString(), "amount", 10.00)).post("/api/bids");
        retry.then().statusCode(201).body("bidId", equalTo(first.path("bidId")));
        assertEquals(1, bids.count("auctionId", auction));
        given().auth().oauth2(annToken).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("auctionId", auction.toString(), "amount", 12)).post("/api/bids")
                .then().statusCode(422).contentType(Problem.MEDIA_TYPE).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        // the same key of another user is another request
        given().auth().oauth2(bobToken).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("auctionId", auction.toString(), "amount", 11)).post("/api/bids").then().statusCode(201);
        // a rejected request keeps nothing: after a 409, the same key may be used for a valid bid
        String rejectedKey = UUID.randomUUID().toString();
        given().auth().oauth2(annToken).header("Idempotency-Key", rejectedKey).contentType(ContentType.JSON)
                .body(Map.of("auctionId", auction.toString(), "amount", 11)).post("/api/bids").then().statusCode(409);
        assertEquals(2, bids.count("auctionId", auction));
    }

    @Test
    void idempotencyKeysAreForgottenAfterTheirRetentionAndNotBefore() {
        UUID auction = publishAndAwait(terms(seller, "10.00", null, "1.00", now().plus(1, ChronoUnit.HOURS), null));
        String oldKey = UUID.randomUUID().toString();
        String freshKey = UUID.randomUUID().toString();
        var bidWithKey = (java.util.function.BiFunction<String, Integer, Response>) (key, amount) -> given().auth()
                .oauth2(key.equals(oldKey) ? annToken : bobToken).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(Map.of("auctionId", auction.toString(), "amount", amount))
                .post("/api/bids");
        String oldBid = bidWithKey.apply(oldKey, 10).then().statusCode(201).extract().path("bidId");
        String freshBid = bidWithKey.apply(freshKey, 11).then().statusCode(201).extract().path("bidId");
        bidWithKey.apply(oldKey, 10).then().statusCode(201).body("bidId", equalTo(oldBid));

        // 49 hours later for the first key (retention: 48 h)
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE idempotency_key SET created_at = now() - interval '49 hours' WHERE idem_key = ?1")
                .setParameter(1, oldKey).executeUpdate());
        assertTrue(idempotency.expire() >= 1);

        bidWithKey.apply(freshKey, 11).then().statusCode(201).body("bidId", equalTo(freshBid));
        // the old key is forgotten: the same request is a new bid now, too low after Bob's 11.00
        bidWithKey.apply(oldKey, 10).then().statusCode(409).body("code", equalTo("BID_TOO_LOW"));
        assertEquals(2, bids.count("auctionId", auction));
    }

    @Test
    void aRejectedBidInABatchDoesNotTakeTheOthersDown() {
        UUID auction = publishAndAwait(terms(seller, "10.00", null, "1.00", now().plus(1, ChronoUnit.HOURS), null));
        dev.gavel.common.security.Caller a = new dev.gavel.common.security.Caller(ann, "Ann", false, true);
        dev.gavel.common.security.Caller b = new dev.gavel.common.security.Caller(bob, "Bob", false, true);
        var bidOf = (java.util.function.BiFunction<dev.gavel.common.security.Caller, String, dev.gavel.bidding.service.Command>)
                (caller, amount) -> dev.gavel.bidding.service.Command.bid(
                        new dev.gavel.bidding.api.BidDtos.PlaceBidRequest(auction, new BigDecimal(amount), null), caller, null);
        var results = engine.decide(List.of(bidOf.apply(a, "10.00"), bidOf.apply(b, "10.50"), bidOf.apply(b, "12.00"),
                dev.gavel.bidding.service.Command.buyNow(auction, null, a, null)));
        assertNotNull(results.get(0).accepted(), "accepted (201)");
        assertEquals("BID_TOO_LOW", results.get(1).rejection().code());
        assertNotNull(results.get(2).accepted(), "accepted (201)");
        assertEquals("BUY_NOW_UNAVAILABLE", results.get(3).rejection().code());
        assertEquals(2, bids.count("auctionId", auction), "both accepted bids committed");
        given().get("/api/bids/auctions/" + auction + "/state").then()
                .body("currentPrice", equalTo(12.0f)).body("bidCount", equalTo(2)).body("sequence", equalTo(2));
    }

    @Test
    void theBatchesOfSeveralAuctionsShareOneTransactionAndEachIsDecidedAsIfAlone() {
        UUID first = publishAndAwait(terms(seller, "10.00", null, "1.00", now().plus(1, ChronoUnit.HOURS), null));
        UUID second = publishAndAwait(terms(seller, "10.00", null, "1.00", now().plus(1, ChronoUnit.HOURS), null));
        UUID unknown = UUID.randomUUID();
        var caller = (java.util.function.Function<String, dev.gavel.common.security.Caller>)
                name -> new dev.gavel.common.security.Caller(UUID.randomUUID(), name, false, true);
        var ann = caller.apply("Ann");
        var bidOf = (java.util.function.Function<Object[], dev.gavel.bidding.service.Command>)
                a -> dev.gavel.bidding.service.Command.bid(new dev.gavel.bidding.api.BidDtos.PlaceBidRequest(
                        (UUID) a[0], new BigDecimal((String) a[1]), a[2] == null ? null : new BigDecimal((String) a[2])),
                        (dev.gavel.common.security.Caller) a[3], null);
        // Ann's maximum of 15.00 on the second auction is known before: it must be read for the combined batch too
        assertNotNull(engine.decide(List.of(bidOf.apply(new Object[] {second, "10.00", "15.00", ann}))).get(0).accepted());

        var decided = engine.decideAll(List.of(
                List.of(bidOf.apply(new Object[] {first, "10.00", null, caller.apply("Bob")}),
                        bidOf.apply(new Object[] {first, "11.00", null, caller.apply("Carol")})),
                List.of(bidOf.apply(new Object[] {second, "12.00", null, caller.apply("Dave")})),
                List.of(bidOf.apply(new Object[] {unknown, "10.00", null, caller.apply("Eve")}))));

        assertNotNull(decided.get(0).get(0).accepted());
        assertNotNull(decided.get(0).get(1).accepted());
        given().get("/api/bids/auctions/" + first + "/state").then()
                .body("currentPrice", equalTo(11.0f)).body("leadingBidder.displayName", equalTo("Carol"))
                .body("sequence", equalTo(2));
        assertNotNull(decided.get(1).get(0).accepted(), "Dave's bid is placed, and outbid at once by Ann's maximum");
        given().get("/api/bids/auctions/" + second + "/state").then()
                .body("currentPrice", equalTo(13.0f)).body("leadingBidder.displayName", equalTo("Ann"))
                .body("bidCount", equalTo(3)).body("sequence", equalTo(3));
        assertEquals(dev.gavel.common.error.DomainException.Kind.NOT_FOUND, decided.get(2).get(0).rejection().kind());
        assertEquals(0, bids.count("auctionId", unknown));
    }

    @Test
    void theBidsOfOneBatchAreDecidedLowestFirstSoThatEveryBidThatBeatsThePriceCounts() {
        UUID auction = publishAndAwait(terms(seller, "10.00", null, "1.00", now().plus(1, ChronoUnit.HOURS), null));
        var bidOf = (java.util.function.BiFunction<String, String, dev.gavel.bidding.service.Command>)
                (name, amount) -> dev.gavel.bidding.service.Command.bid(
                        new dev.gavel.bidding.api.BidDtos.PlaceBidRequest(auction, new BigDecimal(amount), null),
                        new dev.gavel.common.security.Caller(UUID.randomUUID(), name, false, true), null);
        // arrival order: highest first; in that order only Bob's bid would count
        var results = engine.decide(List.of(bidOf.apply("Bob", "13.00"), bidOf.apply("Ann", "11.00"),
                bidOf.apply("Carol", "10.00"), bidOf.apply("Dave", "11.00")));
        assertNotNull(results.get(0).accepted(), "accepted (201)");
        assertNotNull(results.get(1).accepted(), "accepted (201)");
        assertNotNull(results.get(2).accepted(), "accepted (201)");
        assertEquals("BID_TOO_LOW", results.get(3).rejection().code(), "an equal amount that came later loses the tie");
        assertEquals(3, bids.count("auctionId", auction));
        given().queryParam("auctionId", auction).get("/api/bids").then()
                .body("items.amount", equalTo(List.of(13.0f, 11.0f, 10.0f)))
                .body("items.bidder.displayName", equalTo(List.of("Bob", "Ann", "Carol")));
        given().get("/api/bids/auctions/" + auction + "/state").then()
                .body("currentPrice", equalTo(13.0f)).body("leadingBidder.displayName", equalTo("Bob"))
                .body("sequence", equalTo(3));
    }

    @Test
    void mineShowsWhereTheCallerStands() {
        UUID auction = publishAndAwait(terms(seller, "10.00", null, "1.00", now().plus(1, ChronoUnit.HOURS), null));
        UUID carol = UUID.randomUUID();
        String carolToken = TestTokens.user(carol, "Carol");
        bid(carolToken, auction, 10).then().statusCode(201);
        given().auth().oauth2(carolToken).get("/api/bids/mine").then().statusCode(200)
                .body("items[0].auctionId", equalTo(auction.toString())).body("items[0].state", equalTo("LEADING"))
                .body("items[0].myHighestBid", equalTo(10.0f));
        bid(bobToken, auction, 15).then().statusCode(201);
        given().auth().oauth2(carolToken).get("/api/bids/mine").then().body("items[0].state", equalTo("OUTBID"));
        given().get("/api/bids/mine").then().statusCode(401);
    }

    @Test
    void aCancelledAuctionEndsCancelledAndTakesNoBids() throws Exception {
        UUID auction = publishAndAwait(terms(seller, "10.00", null, "1.00", now().plus(1, ChronoUnit.HOURS), null));
        KafkaTestClient.publish(new dev.gavel.events.AuctionCancelled(UUID.randomUUID(), auction, now(), "seller"));
        JsonNode closed = BiddingTestSupport.MAPPER.readTree(KafkaTestClient.await(Topics.AUCTION_CLOSED,
                r -> auction.toString().equals(r.key()), 1, Duration.ofSeconds(20)).get(0).value());
        assertEquals("CANCELLED", closed.get("outcome").asText());
        bid(annToken, auction, 10).then().statusCode(409).body("code", equalTo("AUCTION_NOT_ACTIVE"));
    }

    @Test
    void softCloseResetMovesTheEndToNowPlusTheExtension() {
        Instant endsAt = now().plusSeconds(20);
        UUID auction = publishAndAwait(terms(seller, "10.00", null, "1.00", endsAt,
                new SoftClose("PT60S", "PT120S", SoftClose.Mode.RESET)));
        Instant before = now();
        String newEnd = bid(annToken, auction, 10).then().statusCode(201).body("extended", equalTo(true))
                .extract().path("endsAt");
        Instant moved = Instant.parse(newEnd);
        assertTrue(!moved.isBefore(before.plusSeconds(120)) && moved.isBefore(now().plusSeconds(121)), newEnd);
    }

    @Test
    void anUnknownAuctionIsRefusedBeforeItGetsALaneAndALaneIsDroppedWhenItDrains() throws Exception {
        dev.gavel.common.security.Caller a = new dev.gavel.common.security.Caller(ann, "Ann", false, true);
        UUID unknown = UUID.randomUUID();
        var refused = batcher.submit(dev.gavel.bidding.service.Command.bid(
                new dev.gavel.bidding.api.BidDtos.PlaceBidRequest(unknown, new BigDecimal("10.00"), null), a, null))
                .get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("AUCTION_NOT_FOUND", refused.rejection().code());

        UUID auction = publishAndAwait(terms(seller, "10.00", null, "1.00", now().plus(1, ChronoUnit.HOURS), null));
        var accepted = batcher.submit(dev.gavel.bidding.service.Command.bid(
                new dev.gavel.bidding.api.BidDtos.PlaceBidRequest(auction, new BigDecimal("10.00"), null), a, null))
                .get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertNotNull(accepted.accepted());
        // no request is waiting now: every lane, of the known and of the unknown auction, is gone
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> batcher.lanes() == 0);
    }

    @Test
    void mineShowsEveryAuctionOfTheCallerWithItsOutcome() {
        UUID dave = UUID.randomUUID();
        String daveToken = TestTokens.user(dave, "Dave");
        Instant end = now().plus(1, ChronoUnit.HOURS);
        UUID won = publishAndAwait(terms(seller, "10.00", null, "1.00", end, null));
        UUID lost = publishAndAwait(terms(seller, "10.00", null, "1.00", end, null));
        UUID open = publishAndAwait(terms(seller, "10.00", null, "1.00", end.plus(2, ChronoUnit.HOURS), null));
        bid(daveToken, won, 10).then().statusCode(201);
        bid(daveToken, lost, 10).then().statusCode(201);
        bid(bobToken, lost, 11).then().statusCode(201);
        bid(daveToken, open, 12).then().statusCode(201);
        TestClocks.CLOCK.advance(Duration.between(now(), end).plusSeconds(1));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                given().get("/api/bids/auctions/" + lost + "/state").path("status").equals("CLOSED")
                        && given().get("/api/bids/auctions/" + won + "/state").path("status").equals("CLOSED"));
        given().auth().oauth2(daveToken).queryParam("size", 2).get("/api/bids/mine").then().statusCode(200)
                .body("totalItems", equalTo(3)).body("items.size()", equalTo(2))
                .body("items[0].auctionId", equalTo(open.toString())).body("items[0].state", equalTo("LEADING"))
                .body("items[0].myHighestBid", equalTo(12.0f));
        var states = new java.util.HashMap<String, String>();
        for (int page = 0; page < 2; page++) {
            List<Map<String, Object>> items = given().auth().oauth2(daveToken).queryParam("size", 2)
                    .queryParam("page", page).get("/api/bids/mine").then().extract().path("items");
            items.forEach(item -> states.put((String) item.get("auctionId"), (String) item.get("state")));
        }
        assertEquals(Map.of(open.toString(), "LEADING", won.toString(), "WON", lost.toString(), "LOST"), states);
    }

    @Test
    void aPageNumberThatWouldOverflowIsRefused() {
        UUID auction = publishAndAwait(terms(seller, "10.00", null, "1.00", now().plus(1, ChronoUnit.HOURS), null));
        given().queryParam("auctionId", auction).queryParam("page", Integer.MAX_VALUE).get("/api/bids")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", org.hamcrest.Matchers.hasItem("page"));
        given().auth().oauth2(annToken).queryParam("page", Integer.MAX_VALUE).get("/api/bids/mine")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void anIdempotencyKeyWithControlCharactersIsRefusedAloneAndOtherBidsStand() {
        UUID auction = publishAndAwait(terms(seller, "10.00", null, "1.00", now().plus(1, ChronoUnit.HOURS), null));
        for (String key : List.of("a\u0000b", "tab\there", "x".repeat(201), "caf\u00e9")) {
            DomainException refused = org.junit.jupiter.api.Assertions.assertThrows(DomainException.class,
                    () -> dev.gavel.bidding.service.Command.bid(new dev.gavel.bidding.api.BidDtos.PlaceBidRequest(
                            auction, new BigDecimal("10.00"), null), new dev.gavel.common.security.Caller(ann, "Ann", false, true), key));
            assertEquals(DomainException.Kind.INVALID, refused.kind(), key);
        }
        given().auth().oauth2(annToken).header("Idempotency-Key", "tab\there").contentType(ContentType.JSON)
                .body(Map.of("auctionId", auction.toString(), "amount", 10)).post("/api/bids")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", org.hamcrest.Matchers.hasItem("Idempotency-Key"));
        bid(bobToken, auction, 10).then().statusCode(201);
        assertEquals(1, bids.count("auctionId", auction), "only the valid bid was stored");
    }

    @Test
    void aForgedAuctionCancelledLeavesTheAuctionActive() {
        UUID auction = publishAndAwait(terms(seller, "10.00", null, "1.00", now().plus(1, ChronoUnit.HOURS), null));
        var unsigned = new dev.gavel.events.AuctionCancelled(UUID.randomUUID(), auction, now(), "forged, no headers");
        var impostor = new dev.gavel.events.AuctionCancelled(UUID.randomUUID(), auction, now(), "forged source");
        KafkaTestClient.forge(unsigned, null);
        KafkaTestClient.forge(impostor, "/gavel/bidding-service");
        List<ConsumerRecord<String, String>> dead = KafkaTestClient.await("bidding-service.auction-cancelled.dlq",
                r -> auction.toString().equals(r.key()), 2, Duration.ofSeconds(20));
        assertEquals(2, dead.size(), "both forgeries are kept for inspection, unapplied");
        given().get("/api/bids/auctions/" + auction + "/state").then().body("status", equalTo("ACTIVE"));
        bid(annToken, auction, 10).then().statusCode(201);
    }
}
