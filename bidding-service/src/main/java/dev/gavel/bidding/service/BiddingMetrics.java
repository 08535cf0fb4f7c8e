package dev.gavel.bidding.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The engine's business metrics at {@code /q/metrics}: bids accepted, bids rejected by problem code (the shedding
 * codes {@code BIDDING_BUSY} and {@code TOO_MANY_BIDS} among them), the size of the batches decided, and the auctions
 * whose kept state was found stale ({@link LiveAuctions}).
 */
@Startup // its meters exist from the start: dashboards and alerts see a zero, not nothing
@ApplicationScoped
public class BiddingMetrics {

    private final MeterRegistry registry;
    private final Counter accepted;
    private final DistributionSummary batchSize;
    private final Counter staleLease;

    public BiddingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("gavel.bids.accepted").description("bids accepted (201)").register(registry);
        this.batchSize = DistributionSummary.builder("gavel.bidding.batch.size")
                .description("bids decided in one transaction").publishPercentiles(0.5, 0.99).register(registry);
        this.staleLease = Counter.builder("gavel.bidding.lease.stale")
                .description("auctions whose kept state another writer had moved on: their batch was decided again, "
                        + "with the row locked").register(registry);
        // the shedding codes exist from the start, so that dashboards and alerts see a zero rather than nothing
        rejected("BIDDING_BUSY", 0);
        rejected("TOO_MANY_BIDS", 0);
    }

    void accepted() {
        accepted.increment();
    }

    void rejected(String code) {
        rejected(code, 1);
    }

    private void rejected(String code, int count) {
        Counter.builder("gavel.bids.rejected").description("bids refused, by problem code")
                .tag("code", code == null ? "UNKNOWN" : code).register(registry).increment(count);
    }

    void staleLease(int auctions) {
        staleLease.increment(auctions);
    }

    void batch(int size) {
        batchSize.record(size);
    }
}
