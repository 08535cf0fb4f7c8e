package dev.gavel.bidding.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "gavel.bidding")
public interface BiddingConfig {

    /** How often the engine closes auctions whose effective end has come. */
    @WithDefault("250ms")
    Duration closingInterval();

    /**
     * How long after its effective end an auction is closed: bids received before the end that still wait for their
     * batch are decided first (a bid counts at the instant it was received).
     */
    @WithDefault("2s")
    Duration closingGrace();

    /** The most bids of one auction decided in one transaction (group commit). */
    @WithDefault("256")
    int batchSize();

    /**
     * Threads writing batches, each one transaction at a time (of one hot auction, or of many auctions' batches
     * together): 2, one deciding while the other commits. Every transaction pays its own commit, so more writers make
     * smaller transactions: in the spread storm (gavel-bench BiddingBenchmark, 2 cores) 8 writers took 2,516 bids/s,
     * 4 took 2,994, 2 took 4,188 and 1 took 4,111. Raise it only where a measurement on that database says so.
     */
    @WithDefault("2")
    int writerThreads();

    /** How long an Idempotency-Key and its answer are kept (the contract promises at least 24 h). */
    @WithDefault("48h")
    Duration idempotencyRetention();

    /** How often expired Idempotency-Keys are deleted. */
    @WithDefault("10m")
    Duration idempotencyExpiryInterval();

    /**
     * The most bids of one auction waiting to be decided; more are answered 503 {@code BIDDING_BUSY}. A batch takes
     * {@code batchSize} at once, so this is several batches' worth.
     */
    @WithDefault("2048")
    int maxQueuedPerAuction();

    /** The most bids waiting in all queues together; more are answered 503 {@code BIDDING_BUSY}. */
    @WithDefault("16384")
    int maxQueued();

    /** The {@code Retry-After} of a {@code BIDDING_BUSY} answer. */
    @WithDefault("1s")
    Duration busyRetryAfter();

    /** Bids one person may place per second, on average (429 {@code TOO_MANY_BIDS} beyond). */
    @WithDefault("150")
    int bidsPerSecondPerUser();

    /** Bids one person may place in a burst before the average applies. */
    @WithDefault("300")
    int bidBurstPerUser();

    /** How long a hashed client address (a seller's listing, a bidder's bid) is kept for the shill signals. */
    @WithDefault("30d")
    Duration addressRetention();

    /**
     * The most bidder positions the engine keeps in memory with the auctions it leases ({@code LiveAuctions}); an
     * auction counts one more. 0 keeps none: every batch locks its auction's row and reads its contenders.
     */
    @WithDefault("200000")
    long leasedPositions();

    /** How long an auction where the engine's lease met another writer is decided with its row locked. */
    @WithDefault("10s")
    Duration leaseBackoff();
}
