package dev.gavel.bidding.service;

import dev.gavel.bidding.config.BiddingConfig;
import dev.gavel.bidding.repository.SignalRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;

/**
 * Hashed client addresses are kept for a limited time ({@code gavel.bidding.address-retention}, 30 days): this removes
 * older ones every hour, the sellers' (by when their terms were published) and the bidders' (by when last seen).
 */
@ApplicationScoped
public class AddressRetention {

    private final SignalRepository signals;
    private final Clock clock;
    private final Duration retention;

    public AddressRetention(SignalRepository signals, Clock clock, BiddingConfig config) {
        this.signals = signals;
        this.clock = clock;
        this.retention = config.addressRetention();
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void hourly() {
        forgetOld();
    }

    /** Removes the addresses older than the retention; how many were removed. */
    @Transactional
    public int forgetOld() {
        return signals.forgetAddressesBefore(clock.instant().minus(retention));
    }
}
