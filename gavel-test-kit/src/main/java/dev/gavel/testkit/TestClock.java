package dev.gavel.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that tests move. It starts at the real time and follows it (so that tokens, brokers and databases, which
 * read the real clock, agree with it); {@link #advance} puts it ahead by the given amount from then on.
 * {@link #freeze} stops it (for a test that counts on time not passing, such as a rate limit's refill) until
 * {@link #unfreeze}; it never goes backwards.
 */
public final class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant frozen;

    /** Moves the clock forward; everything that reads it from now on sees the later time. */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + by);
        }
        synchronized (this) {
            offset = offset.plus(by);
            if (frozen != null) {
                frozen = frozen.plus(by);
            }
        }
    }

    /** Stops the clock where it is: it reads the same until advanced or unfrozen. */
    public synchronized void freeze() {
        frozen = instant();
    }

    /** Lets the clock follow the real time again (from where it stands, plus the time that really passed). */
    public synchronized void unfreeze() {
        frozen = null;
    }

    @Override
    public Instant instant() {
        Instant stopped = frozen;
        return stopped != null ? stopped : Instant.now().plus(offset);
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
