package dev.gavel.bidding.service;

import dev.gavel.bidding.BiddingTest;
import dev.gavel.bidding.BiddingTestSupport;
import dev.gavel.common.security.Caller;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
import static dev.gavel.bidding.service.TestReplicas.assertPrice;
import static dev.gavel.bidding.service.TestReplicas.bid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
    TestReplicas replicas;
    @Inject
    UserTransaction held;

    final Caller ann = new Caller(UUID.randomUUID(), "Ann", false, true);
    final Caller bob = new Caller(UUID.randomUUID(), "Bob", false, true);
    final Caller cid = new Caller(UUID.randomUUID(), "Cid", false, true);

    /** A replica of its own: the application's traffic does not touch its lease. */
    TestReplicas.Replica replica;
    UUID auction;
    double staleBefore;

    /** An auction at Ann's 10.00, kept by the replica; then Bob's 20.00 decided in a transaction the test holds. */
    @BeforeEach
    void bobsBatchHeldOpen() throws Exception {
        replica = replicas.replica();
        auction = publishAndAwait(terms(UUID.randomUUID(), "10.00", null, "1.00", now().plus(Duration.ofHours(1)),
                null));
        assertPrice("10.00", bid(replica.engine(), ann, auction, "10.00"));
        staleBefore = replicas.stale();

        AtomicInteger handedOver = new AtomicInteger();
        held.begin();
        List<List<Decision>> decided = replica.transaction().decideAll(List.of(List.of(bid(bob, auction, "20.00"))),
                true, handedOver::incrementAndGet);
        assertPrice("20.00", decided.get(0).get(0));
        assertEquals(1, handedOver.get(), "handed over before the commit");
    }

    @AfterEach
    void endHeld() throws Exception {
        if (held.getStatus() != Status.STATUS_NO_TRANSACTION) {
            held.rollback(); // a failed test leaves no transaction on the test thread for the next one
        }
    }

    /** Cid's batch, decided on a thread of its own, on what the engine kept. */
    FutureTask<Decision> cidsBatch(String amount) {
        FutureTask<Decision> batch = new FutureTask<>(() -> bid(replica.engine(), cid, auction, amount));
        Thread writer = new Thread(batch, "engine-writer-" + auction);
        writer.start();
        // it took what Bob's batch left, decided on it, and waits for that batch's commit before writing
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> replica.lease().size() == 0
                && writer.getState() == Thread.State.TIMED_WAITING
                && Arrays.stream(writer.getStackTrace()).anyMatch(f -> f.getMethodName().equals("awaitCommitted")));
        return batch;
    }

    @Test
    void theNextBatchIsDecidedWhileTheOneBeforeCommitsAndStandsWhenItCommits() throws Exception {
        FutureTask<Decision> cids = cidsBatch("30.00");
        assertFalse(cids.isDone(), "not written, not answered before Bob's batch commits");
        held.commit();

        assertPrice("30.00", cids.get(10, TimeUnit.SECONDS));
        assertEquals(staleBefore, replicas.stale(), "decided once, on Bob's batch's state");
        assertState(30.0f, 3, "Cid");
        assertEquals(List.of(1L, 2L, 3L), sequences());
    }

    @Test
    void theNextBatchIsDecidedAgainWhenTheOneBeforeRollsBack() throws Exception {
        FutureTask<Decision> cids = cidsBatch("15.00"); // too low on Bob's 20.00
        held.rollback(); // Bob's bid never was

        assertPrice("15.00", cids.get(10, TimeUnit.SECONDS)); // above Ann's 10.00: decided again on the row
        assertEquals(staleBefore + 1, replicas.stale(), "its kept state was Bob's batch's: decided again");
        assertState(15.0f, 2, "Cid");
        assertEquals(List.of(1L, 2L), sequences());
    }

    @Test
    void aBatchRolledBackLeavesNothingKept() throws Exception {
        held.rollback();

        assertPrice("15.00", bid(replica.engine(), cid, auction, "15.00"));
        assertEquals(staleBefore, replicas.stale(), "Bob's batch's state was forgotten, not found stale");
        assertEquals(List.of(1L, 2L), sequences());
    }

    void assertState(float price, int sequence, String leader) {
        given().get("/api/bids/auctions/" + auction + "/state").then().statusCode(200)
                .body("currentPrice", equalTo(price)).body("sequence", equalTo(sequence))
                .body("leadingBidder.displayName", equalTo(leader));
    }

    List<Long> sequences() throws Exception {
        List<BidLog.Entry> entries = BiddingTestSupport.logEntries(BiddingTestSupport.log(auction));
        assertEquals(OptionalLong.empty(), BidLog.firstBroken(auction, entries), "one chain");
        return entries.stream().map(BidLog.Entry::sequence).toList();
    }
}
