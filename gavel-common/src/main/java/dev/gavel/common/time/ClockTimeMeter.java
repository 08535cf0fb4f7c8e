package dev.gavel.common.time;

import io.github.bucket4j.TimeMeter;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Bucket4j reads the service's {@link Clock}, so refills and expiries follow it (and tests can move it). */
public final class ClockTimeMeter implements TimeMeter {

    private final Clock clock;

    public ClockTimeMeter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
