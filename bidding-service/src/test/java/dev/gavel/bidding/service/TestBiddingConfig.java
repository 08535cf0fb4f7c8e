package dev.gavel.bidding.service;

import dev.gavel.bidding.config.BiddingConfig;

import java.time.Duration;

/** The engine's configuration for plain unit tests: the defaults, with the bounds and the rate a test chooses. */
record TestBiddingConfig(int maxQueuedPerAuction, int maxQueued, int bidsPerSecondPerUser, int bidBurstPerUser,
        int batchSize) implements BiddingConfig {

    static TestBiddingConfig queues(int perAuction, int total) {
        return new TestBiddingConfig(perAuction, total, 150, 300, 256);
    }

    static TestBiddingConfig rate(int perSecond, int burst) {
        return new TestBiddingConfig(2048, 16384, perSecond, burst, 256);
    }

    static TestBiddingConfig batches(int size) {
        return new TestBiddingConfig(2048, 16384, 150, 300, size);
    }

    @Override
    public Duration closingGrace() {
        return Duration.ofSeconds(2);
    }

    @Override
    public Duration closingInterval() {
        return Duration.ofMillis(250);
    }

    @Override
    public int writerThreads() {
        return 4;
    }

    @Override
    public Duration idempotencyRetention() {
        return Duration.ofHours(48);
    }

    @Override
    public Duration idempotencyExpiryInterval() {
        return Duration.ofMinutes(10);
    }

    @Override
    public Duration busyRetryAfter() {
        return Duration.ofSeconds(1);
    }

    @Override
    public Duration addressRetention() {
        return Duration.ofDays(30);
    }

    @Override
    public long leasedPositions() {
        return 200_000;
    }

    @Override
    public Duration leaseBackoff() {
        return Duration.ofSeconds(10);
    }
}
