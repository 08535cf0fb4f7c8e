package dev.gavel.bidding.service;

import dev.gavel.bidding.api.BidDtos.PlaceBidRequest;
import dev.gavel.bidding.repository.AuctionStateRepository;
import dev.gavel.bidding.repository.BidderPositionRepository;
import dev.gavel.common.security.Caller;
import dev.gavel.outbox.Outbox;
import dev.gavel.testkit.TestClocks;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Engines of their own for the engine's Quarkus tests, as other replicas would be: each with its own lease and its own
 * transactions, on the application's database and beans; and what those tests assert on them.
 */
@ApplicationScoped
public class TestReplicas {

    /** A replica: its lease, its transaction (called with a transaction of the test's), its engine (its own ones). */
    record Replica(LiveAuctions lease, EngineTransaction transaction, BidEngine engine) {
    }

    private final AuctionStateRepository auctions;
    private final BidderPositionRepository positions;
    private final DatabaseBatchStore store;
    private final Outbox outbox;
    private final Idempotency idempotency;
    private final TransactionSynchronizationRegistry transactions;
    private final BiddingMetrics metrics;
    private final MeterRegistry registry;

    TestReplicas(AuctionStateRepository auctions, BidderPositionRepository positions, DatabaseBatchStore store,
            Outbox outbox, Idempotency idempotency, TransactionSynchronizationRegistry transactions,
            BiddingMetrics metrics, MeterRegistry registry) {
        this.auctions = auctions;
        this.positions = positions;
        this.store = store;
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.transactions = transactions;
        this.metrics = metrics;
        this.registry = registry;
    }

    Replica replica() {
        LiveAuctions lease = new LiveAuctions(10_000, Duration.ofSeconds(10), TestClocks.CLOCK);
        EngineTransaction transaction = new EngineTransaction(auctions, positions, store, outbox, idempotency, lease,
                transactions, TestClocks.CLOCK);
        BidEngine engine = new BidEngine((batches, leased) -> QuarkusTransaction.requiringNew()
                .call(() -> transaction.decideAll(batches, leased, () -> {
                })), metrics);
        return new Replica(lease, transaction, engine);
    }

    /** Batches decided again because the state kept of their auction was not the row's (all replicas). */
    double stale() {
        return registry.get("gavel.bidding.lease.stale").counter().count();
    }

    static Command bid(Caller bidder, UUID auction, String amount) {
        return Command.bid(new PlaceBidRequest(auction, new BigDecimal(amount), null), bidder, null);
    }

    static Decision bid(BidEngine replica, Caller bidder, UUID auction, String amount) {
        return replica.decide(List.of(bid(bidder, auction, amount))).get(0);
    }

    static void assertPrice(String expected, Decision decision) {
        assertNull(decision.rejection(), () -> "accepted, not " + decision.rejection().code());
        assertEquals(0, new BigDecimal(expected).compareTo(decision.accepted().currentPrice()),
                () -> "price " + decision.accepted().currentPrice());
    }
}
