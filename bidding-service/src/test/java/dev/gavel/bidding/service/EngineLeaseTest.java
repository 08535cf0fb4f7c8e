package dev.gavel.bidding.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.bidding.BiddingTest;
import dev.gavel.bidding.BiddingTestSupport;
import dev.gavel.bidding.BidderPosition;
import dev.gavel.bidding.api.BidDtos.PlaceBidRequest;
import dev.gavel.bidding.repository.AuctionStateRepository;
import dev.gavel.bidding.repository.BidderPositionRepository;
import dev.gavel.common.security.Caller;
import dev.gavel.events.SoftClose;
import dev.gavel.testkit.TestClocks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import static dev.gavel.bidding.BiddingTestSupport.now;
import static dev.gavel.bidding.BiddingTestSupport.publishAndAwait;
import static dev.gavel.bidding.BiddingTestSupport.terms;
import static dev.gavel.bidding.service.TestReplicas.assertPrice;
import static dev.gavel.bidding.service.TestReplicas.bid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The engine's lease ({@link LiveAuctions}) with two replicas on one auction, against the real PostgreSQL: the
 * application's engine and a second one with its own kept state and its own transactions, as another replica would
 * be. Each decides on state it kept from its own last batch; a batch whose kept state the other replica moved on is
 * rolled back and decided again with the row locked, so no bid is decided against a price, or an end, that is no
 * longer the auction's, and the history stays one chain.
 */
@BiddingTest
class EngineLeaseTest {

    @Inject
    BidEngine engine;
    @Inject
    AuctionStateRepository auctions;
    @Inject
    BidderPositionRepository positions;
    @Inject
    TestReplicas replicas;
    @Inject
    AddressRetention retention;

    final Caller ann = new Caller(UUID.randomUUID(), "Ann", false, true);
    final Caller bob = new Caller(UUID.randomUUID(), "Bob", false, true);
    final Caller cid = new Caller(UUID.randomUUID(), "Cid", false, true);
    final Caller dan = new Caller(UUID.randomUUID(), "Dan", false, true);

    /** Another replica: its own lease, its own transactions, the same database. */
    BidEngine otherReplica() {
        return replicas.replica().engine();
    }

    double stale() {
        return replicas.stale();
    }

    @Test
    void eachReplicaDecidesAgainstTheOthersBidsAndTheHistoryStaysOneChain() throws Exception {
        UUID auction = publishAndAwait(terms(UUID.randomUUID(), "10.00", null, "1.00", now().plus(Duration.ofHours(1)),
                null));
        BidEngine other = otherReplica();
        double staleBefore = stale();

        assertPrice("10.00", bid(engine, ann, auction, "10.00")); // this replica keeps the auction at 10
        assertPrice("20.00", bid(other, bob, auction, "20.00")); // the other one locks the row: it kept nothing

        // kept here: 10, so 15 would beat it; the row moved on, the batch is decided again on the row: too low
        Decision late = bid(engine, cid, auction, "15.00");
        assertEquals("BID_TOO_LOW", late.rejection().code());
        assertEquals(0, new BigDecimal("21.00").compareTo((BigDecimal) late.rejection().extensions().get("minNextBid")),
                "the price the other replica left");
        assertEquals(staleBefore + 1, stale());

        // a rejection writes nothing: what the other replica kept is still the auction, and it decides on it
        assertPrice("25.00", bid(other, dan, auction, "25.00"));
        assertEquals(staleBefore + 1, stale());
        assertPrice("30.00", bid(engine, cid, auction, "30.00"));
        Decision outdone = bid(other, bob, auction, "26.00");
        assertEquals("BID_TOO_LOW", outdone.rejection().code());
        assertEquals(staleBefore + 2, stale());

        given().get("/api/bids/auctions/" + auction + "/state").then().statusCode(200)
                .body("currentPrice", equalTo(30.0f)).body("bidCount", equalTo(4)).body("sequence", equalTo(4))
                .body("leadingBidder.displayName", equalTo("Cid"));
        JsonNode log = BiddingTestSupport.log(auction);
        List<BidLog.Entry> entries = BiddingTestSupport.logEntries(log);
        assertEquals(List.of(1L, 2L, 3L, 4L), entries.stream().map(BidLog.Entry::sequence).toList());
        assertEquals(List.of("bidder-1", "bidder-2", "bidder-3", "bidder-4"),
                entries.stream().map(BidLog.Entry::bidder).toList(), "Ann, Bob, Dan and Cid, in the order they first bid");
        assertEquals(OptionalLong.empty(), BidLog.firstBroken(auction, entries), "one chain");
    }

    @Test
    void aRejectionIsNotDecidedOnAnEndTheOtherReplicaMoved() {
        Instant start = now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        UUID auction = publishAndAwait(terms(UUID.randomUUID(), "10.00", null, "1.00", start.plus(Duration.ofMinutes(4)),
                new SoftClose("PT2M", "PT2M", SoftClose.Mode.EXTEND)));
        BidEngine other = otherReplica();
        assertPrice("10.00", bid(engine, ann, auction, "10.00")); // kept here: ends at +4 min

        TestClocks.CLOCK.advance(Duration.ofMinutes(3));
        Decision extending = bid(other, bob, auction, "20.00"); // a minute before the end: it moves to +6 min
        assertEquals(start.plus(Duration.ofMinutes(6)), extending.accepted().endsAt());

        // at +5 min the end kept here is past: the auction would refuse the bid; its row says otherwise
        TestClocks.CLOCK.advance(Duration.ofMinutes(2));
        Decision inTime = bid(engine, cid, auction, "25.00");
        assertPrice("25.00", inTime);
        assertEquals(start.plus(Duration.ofMinutes(8)), inTime.accepted().endsAt());
    }

    @Test
    void anAddressTheRetentionRemovedIsNotWrittenBackFromKeptState() {
        UUID auction = publishAndAwait(terms(UUID.randomUUID(), "10.00", null, "1.00", now().plus(Duration.ofDays(60)),
                null));
        Decision proxy = engine.decide(List.of(Command.bid(new PlaceBidRequest(auction, new BigDecimal("10.00"),
                new BigDecimal("50.00")), ann, null, null, "ann's-address"))).get(0);
        assertPrice("10.00", proxy); // kept with Ann's address

        TestClocks.CLOCK.advance(Duration.ofDays(31));
        retention.forgetOld();
        // Bob's bid makes Ann's proxy bid again: her position is written, and its address must stay removed
        assertPrice("21.00", bid(engine, bob, auction, "20.00"));
        BidderPosition annsPosition = QuarkusTransaction.requiringNew().call(() ->
                positions.findById(new BidderPosition.Key(auction, ann.id())));
        assertEquals(0, new BigDecimal("21.00").compareTo(annsPosition.amount), "her counter-bid");
        assertNull(annsPosition.addressHash, "forgotten after 30 days, and not brought back");
    }

    @Test
    @SuppressWarnings("unchecked")
    void keptRowsAreWrittenInTheOrderPostgresqlLocksRowsIn() {
        List<UUID> ids = java.util.stream.Stream.generate(UUID::randomUUID).limit(200).toList();
        List<UUID> database = QuarkusTransaction.requiringNew().call(() -> auctions.getEntityManager()
                .createNativeQuery("SELECT id FROM unnest(:ids) AS id ORDER BY id")
                .setParameter("ids", ids.toArray(UUID[]::new)).getResultList());
        assertEquals(database, ids.stream().sorted(EngineTransaction.IN_DATABASE_ORDER).toList());
        org.junit.jupiter.api.Assertions.assertNotEquals(database, ids.stream().sorted().toList(),
                "UUID's own order differs (signed halves), so the engine cannot use it");
    }
}
