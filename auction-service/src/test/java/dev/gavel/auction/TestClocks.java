package dev.gavel.auction;

import dev.gavel.testkit.TestClock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Instant;

/** The catalog's clock in tests: tests move it past a start instead of waiting for it. */
@Singleton
public class TestClocks {

    public static final TestClock CLOCK = new TestClock();

    @Produces
    @Singleton
    TestClock clock() {
        return CLOCK;
    }

    /** The catalog's time now. */
    public static Instant now() {
        return CLOCK.instant();
    }
}
