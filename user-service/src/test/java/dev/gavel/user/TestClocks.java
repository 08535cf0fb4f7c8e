package dev.gavel.user;

import dev.gavel.testkit.TestClock;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** user-service's clock in tests: tests move it past an expiry or a throttle window instead of waiting. */
@Singleton
public class TestClocks {

    public static final TestClock CLOCK = new TestClock();

    @Produces
    @Singleton
    TestClock clock() {
        return CLOCK;
    }
}
