package dev.gavel.bidding.service;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/** Batchers for Quarkus tests: the real engine and auctions, with the batch size a test chooses. */
public final class TestBatchers {

    private TestBatchers() {
    }

    /** Auctions that all exist, for batchers tested without the engine. */
    static BidBatcher.Auctions everyAuction() {
        return new BidBatcher.Auctions() {
            @Override
            public boolean contains(UUID auctionId) {
                return true;
            }

            @Override
            public boolean exists(UUID auctionId) {
                return true;
            }
        };
    }

    /** A batcher of batches of at most {@code size}, decided by {@code decider} (the engine, seen by the test). */
    public static BidBatcher of(int size, KnownAuctions auctions, BiddingMetrics metrics, ExecutorService writers,
            Function<List<Command>, List<Decision>> decider) {
        return new BidBatcher(decider::apply, auctions, TestBiddingConfig.batches(size), writers, metrics);
    }
}
