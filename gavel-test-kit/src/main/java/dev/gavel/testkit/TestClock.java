package dev.gavel.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that tests move. It starts at the real time and follows it (so that tokens, brokers and databases, which
 * read the real clock, agree with it); {@link #advance} puts it ahead by the given amount from then on.
 */
public final class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    /** Moves the clock forward; everything that reads it from now on sees the later time. */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + by);
        }
        synchronized (this) {
            offset = offset.plus(by);
        }
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock is always UTC");
    }
}
