package dev.gavel.bidding.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gavel.bidding.config.BiddingConfig;
import dev.gavel.common.error.DomainException;
import dev.gavel.common.time.ClockTimeMeter;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * How many bids one person may place: {@code bidsPerSecondPerUser} on average, {@code bidBurstPerUser} at once
 * (token buckets, Bucket4j); beyond that 429 {@code TOO_MANY_BIDS} with {@code Retry-After}. It guards the engine
 * against one runaway client; it is kept per replica, in memory (a bidder's requests spread over n replicas get up
 * to n times the rate), which is enough for that purpose and costs no round trip on the hot path.
 */
@ApplicationScoped
public class BidRateLimit {

    private static final int MAX_BIDDERS_TRACKED = 200_000;

    private final Cache<UUID, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(MAX_BIDDERS_TRACKED)
            .expireAfterAccess(Duration.ofMinutes(5))
            .build();
    private final ClockTimeMeter time;
    private final int perSecond;
    private final int burst;

    private final BiddingMetrics metrics;

    public BidRateLimit(BiddingConfig config, Clock clock, BiddingMetrics metrics) {
        this.metrics = metrics;
        this.time = new ClockTimeMeter(clock);
        this.perSecond = config.bidsPerSecondPerUser();
        this.burst = config.bidBurstPerUser();
    }

    /** Takes one bid from the bidder's allowance, or refuses with 429. */
    public void take(UUID bidder) {
        Bucket bucket = buckets.get(bidder, id -> Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .withCustomTimePrecision(time)
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            metrics.rejected("TOO_MANY_BIDS");
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
            throw DomainException.tooManyRequests("TOO_MANY_BIDS",
                    "You are placing bids faster than the platform accepts from one person. Try again shortly.", seconds);
        }
    }
}
