package dev.gavel.bidding.service;

import dev.gavel.bidding.BiddingTest;
import dev.gavel.bidding.BiddingTestSupport;
import dev.gavel.bidding.api.BidDtos.PlaceBidRequest;
import dev.gavel.bidding.repository.AuctionStateRepository;
import dev.gavel.bidding.repository.BidderPositionRepository;
import dev.gavel.common.security.Caller;
import dev.gavel.outbox.Outbox;
import dev.gavel.testkit.TestClocks;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.gavel.bidding.BiddingTestSupport.now;
import static dev.gavel.bidding.BiddingTestSupport.publishAndAwait;
import static dev.gavel.bidding.BiddingTestSupport.terms;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * An auction's next batch is decided while its batch before commits, on what that one left, against the real
 * PostgreSQL: the test holds the first batch's transaction open after the engine has handed it over, and the next
 * batch, on another thread, takes what the first left, is decided, and waits for that commit before it writes. If
 * the first commits, the next one stands as decided; if it rolls back, the next one is decided again with the row
 * locked, against the auction as it is. A batch rolled back with no batch after it leaves nothing kept.
 */
@BiddingTest
class EnginePipelineTest {

    @Inject
    AuctionStateRepository auctions;
    @Inject
    BidderPositionRepository positions;
    @Inject
    DatabaseBatchStore store;
    @Inject
    Outbox outbox;
    @Inject
    Idempotency idempotency;
    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    UserTransaction held;
    @Inject
    BiddingMetrics metrics;
    @Inject
    MeterRegistry registry;

    final Caller ann = new Caller(UUID.randomUUID(), "Ann", false, true);
    final Caller bob = new Caller(UUID.randomUUID(), "Bob", false, true);
    final Caller cid = new Caller(UUID.randomUUID(), "Cid", false, true);

    /** One replica of its own (its lease, its transactions): the application's traffic does not touch its lease. */
    LiveAuctions lease;
    EngineTransaction transaction;
    BidEngine engine;

    void replica() {
        lease = new LiveAuctions(10_000, Duration.ofSeconds(10), TestClocks.CLOCK);
        transaction = new EngineTransaction(auctions, positions, store, outbox, idempotency, lease, transactions,
                TestClocks.CLOCK);
        engine = new BidEngine((batches, leased) -> QuarkusTransaction.requiringNew()
                .call(() -> transaction.decideAll(batches, leased)), metrics);
    }

    static Command bid(Caller bidder, UUID auction, String amount) {
        return Command.bid(new PlaceBidRequest(auction, new BigDecimal(amount), null), bidder, null);
    }

    @AfterEach
    void endHeld() throws Exception {
        if (held.getStatus() != Status.STATUS_NO_TRANSACTION) {
            held.rollback(); // a failed test leaves no transaction on the test thread for the next one
        }
    }

    double stale() {
        return registry.get("gavel.bidding.lease.stale").counter().count();
    }

    static void assertPrice(String expected, Decision decision) {
        assertNull(decision.rejection(), () -> "accepted, not " + decision.rejection().code());
        assertEquals(0, new BigDecimal(expected).compareTo(decision.accepted().currentPrice()),
                () -> "price " + decision.accepted().currentPrice());
    }

    /** Bob's bid decided in a transaction the test holds open; the engine has handed it over when this returns. */
    void bobsBatchHeldOpen(UUID auction) throws Exception {
        AtomicInteger handedOver = new AtomicInteger();
        held.begin();
        List<List<Decision>> decided = transaction.decideAll(List.of(List.of(bid(bob, auction, "20.00"))), true,
                handedOver::incrementAndGet);
        assertPrice("20.00", decided.get(0).get(0));
        assertEquals(1, handedOver.get(), "handed over before the commit");
    }

    /** Cid's batch, decided on a thread of its own, on what the engine kept. */
    FutureTask<Decision> cidsBatch(UUID auction, String amount) {
        FutureTask<Decision> batch = new FutureTask<>(() -> engine.decide(List.of(bid(cid, auction, amount))).get(0));
        Thread writer = new Thread(batch, "engine-writer-" + auction);
        writer.start();
        // it took what Bob's batch left, decided on it, and waits for that batch's commit before writing
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lease.size() == 0
                && writer.getState() == Thread.State.TIMED_WAITING
                && Arrays.stream(writer.getStackTrace()).anyMatch(f -> f.getMethodName().equals("awaitCommitted")));
        return batch;
    }

    @Test
    void theNextBatchIsDecidedWhileTheOneBeforeCommitsAndStandsWhenItCommits() throws Exception {
        replica();
        UUID auction = publishAndAwait(terms(UUID.randomUUID(), "10.00", null, "1.00", now().plus(Duration.ofHours(1)),
                null));
        assertPrice("10.00", engine.decide(List.of(bid(ann, auction, "10.00"))).get(0)); // kept
        double staleBefore = stale();

        bobsBatchHeldOpen(auction);
        FutureTask<Decision> cids = cidsBatch(auction, "30.00");
        assertFalse(cids.isDone(), "not written, not answered before Bob's batch commits");
        held.commit();

        assertPrice("30.00", cids.get(10, TimeUnit.SECONDS));
        assertEquals(staleBefore, stale(), "decided once, on Bob's batch's state");
        assertState(auction, 30.0f, 3, "Cid");
        assertEquals(List.of(1L, 2L, 3L), sequences(auction));
    }

    @Test
    void theNextBatchIsDecidedAgainWhenTheOneBeforeRollsBack() throws Exception {
        replica();
        UUID auction = publishAndAwait(terms(UUID.randomUUID(), "10.00", null, "1.00", now().plus(Duration.ofHours(1)),
                null));
        assertPrice("10.00", engine.decide(List.of(bid(ann, auction, "10.00"))).get(0));
        double staleBefore = stale();

        bobsBatchHeldOpen(auction);
        FutureTask<Decision> cids = cidsBatch(auction, "15.00"); // too low on Bob's 20.00
        held.rollback(); // Bob's bid never was

        assertPrice("15.00", cids.get(10, TimeUnit.SECONDS)); // above Ann's 10.00: decided again on the row
        assertEquals(staleBefore + 1, stale(), "its kept state was Bob's batch's: decided again");
        assertState(auction, 15.0f, 2, "Cid");
        assertEquals(List.of(1L, 2L), sequences(auction));
    }

    @Test
    void aBatchRolledBackLeavesNothingKept() throws Exception {
        replica();
        UUID auction = publishAndAwait(terms(UUID.randomUUID(), "10.00", null, "1.00", now().plus(Duration.ofHours(1)),
                null));
        assertPrice("10.00", engine.decide(List.of(bid(ann, auction, "10.00"))).get(0));
        double staleBefore = stale();

        bobsBatchHeldOpen(auction);
        held.rollback();

        assertPrice("15.00", engine.decide(List.of(bid(cid, auction, "15.00"))).get(0));
        assertEquals(staleBefore, stale(), "Bob's batch's state was forgotten, not found stale");
        assertEquals(List.of(1L, 2L), sequences(auction));
    }

    static void assertState(UUID auction, float price, int sequence, String leader) {
        given().get("/api/bids/auctions/" + auction + "/state").then().statusCode(200)
                .body("currentPrice", equalTo(price)).body("sequence", equalTo(sequence))
                .body("leadingBidder.displayName", equalTo(leader));
    }

    static List<Long> sequences(UUID auction) throws Exception {
        List<BidLog.Entry> entries = BiddingTestSupport.logEntries(BiddingTestSupport.log(auction));
        assertEquals(OptionalLong.empty(), BidLog.firstBroken(auction, entries), "one chain");
        return entries.stream().map(BidLog.Entry::sequence).toList();
    }
}
