package dev.gavel.testkit;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * The services' clock in every {@code @QuarkusTest}: this producer replaces gavel-common's default system clock (a
 * {@code @DefaultBean}), and tests move {@link #CLOCK} past a start, an end, an expiry or a throttle window instead
 * of waiting for it.
 */
@Singleton
public class TestClocks {

    public static final TestClock CLOCK = new TestClock();

    @Produces
    @Singleton
    TestClock clock() {
        return CLOCK;
    }

    /** The services' time now. */
    public static Instant now() {
        return CLOCK.instant();
    }
}
