package dev.gavel.auction.service;

import dev.gavel.auction.repository.AuctionRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;

/**
 * Opens scheduled auctions when their start has come. A plain conditional UPDATE: restart-safe (due auctions open at
 * the next tick) and safe with several replicas (the second replica finds nothing left to do).
 */
@ApplicationScoped
@Transactional
public class AuctionLifecycle {

    private final AuctionRepository auctions;
    private final Clock clock;

    public AuctionLifecycle(AuctionRepository auctions, Clock clock) {
        this.auctions = auctions;
        this.clock = clock;
    }

    @Scheduled(every = "${gavel.auction.activation-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void activateDue() {
        auctions.activateDue(clock.instant());
    }
}
