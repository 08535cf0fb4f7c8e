package dev.gavel.bidding;

import dev.gavel.testkit.TestClock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The engine's clock in tests: tests move it past an auction's end instead of waiting for it. */
@Singleton
public class TestClocks {

    public static final TestClock CLOCK = new TestClock();

    @Produces
    @Singleton
    TestClock clock() {
        return CLOCK;
    }
}
