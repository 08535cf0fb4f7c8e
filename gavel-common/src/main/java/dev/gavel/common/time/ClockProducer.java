package dev.gavel.common.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The clock every decision that depends on time reads (closing, soft close, activation, expiries, throttles): the
 * system clock in UTC. Tests produce their own {@link Clock} bean, which replaces this default, and move it instead of
 * waiting.
 */
@Singleton
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
