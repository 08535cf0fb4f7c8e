package dev.gavel.bidding.service;

import dev.gavel.bidding.repository.AuctionStateRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Closes auctions whose effective end has come. After a restart the first tick closes everything that ended while
 * the service was down; with several replicas each auction still closes once (see {@link BidService#closeIfDue}).
 */
@ApplicationScoped
public class ClosingScheduler {

    private static final Logger LOG = Logger.getLogger(ClosingScheduler.class);
    private static final int BATCH = 200;

    private final AuctionStateRepository auctions;
    private final BidService engine;

    public ClosingScheduler(AuctionStateRepository auctions, BidService engine) {
        this.auctions = auctions;
        this.engine = engine;
    }

    @Scheduled(every = "${gavel.bidding.closing-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void closeDue() {
        List<UUID> due = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> auctions.dueForClosing(Instant.now(), BATCH));
        for (UUID id : due) {
            try {
                engine.closeIfDue(id);
            } catch (RuntimeException e) {
                LOG.errorf(e, "closing auction %s failed; will retry", id);
            }
        }
    }
}
