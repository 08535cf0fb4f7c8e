package dev.gavel.bidding.service;

import dev.gavel.common.error.DomainException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The per-bidder token bucket, on a clock that only the test moves. */
class BidRateLimitTest {

    /** A clock standing still until moved. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /**
     * A burst of {@code first} bids, then {@code waitMillis} of quiet, then {@code second} bids: how many of all are
     * taken, with 10 a second on average and bursts of 20.
     */
    @ParameterizedTest(name = "{0} bids, {1} ms, {2} bids -> {3} taken, Retry-After {4}")
    @CsvSource({
            "20, 0, 0, 20, 0",       // a burst up to the capacity passes
            "25, 0, 0, 20, 1",       // beyond it: refused, retry after a second
            "20, 100, 5, 21, 1",     // a tenth of a second refills one bid
            "20, 1000, 15, 30, 1",   // a second refills ten
            "20, 5000, 25, 40, 1",   // a long pause refills no more than the burst
    })
    void aBidderGetsTheBurstThenTheRate(int first, long waitMillis, int second, int taken, long retryAfter) {
        ManualClock clock = new ManualClock();
        BidRateLimit limit = new BidRateLimit(TestBiddingConfig.rate(10, 20), clock, new BiddingMetrics(new SimpleMeterRegistry()));
        UUID bidder = UUID.randomUUID();
        int[] counts = new int[2];
        long[] lastRetryAfter = {0};
        Runnable bid = () -> {
            try {
                limit.take(bidder);
                counts[0]++;
            } catch (DomainException e) {
                assertEquals("TOO_MANY_BIDS", e.code());
                assertEquals(DomainException.Kind.RATE_LIMITED, e.kind());
                lastRetryAfter[0] = e.retryAfter().toSeconds();
                counts[1]++;
            }
        };
        for (int i = 0; i < first; i++) {
            bid.run();
        }
        clock.now = clock.now.plusMillis(waitMillis);
        for (int i = 0; i < second; i++) {
            bid.run();
        }
        assertEquals(taken, counts[0]);
        assertEquals(retryAfter, lastRetryAfter[0]);
        // another bidder has a bucket of their own
        limit.take(UUID.randomUUID());
    }
}
