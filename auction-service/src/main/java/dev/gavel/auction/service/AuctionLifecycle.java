package dev.gavel.auction.service;

import dev.gavel.auction.repository.AuctionRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Opens scheduled auctions when their start has come. A plain conditional UPDATE: restart-safe (due auctions open at
 * the next tick) and safe with several replicas (the second replica finds nothing left to do).
 */
@ApplicationScoped
@Transactional
public class AuctionLifecycle {

    private final AuctionRepository auctions;

    public AuctionLifecycle(AuctionRepository auctions) {
        this.auctions = auctions;
    }

    @Scheduled(every = "${gavel.auction.activation-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void activateDue() {
        auctions.activateDue(Instant.now());
    }
}
