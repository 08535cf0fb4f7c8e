package dev.gavel.bidding.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * Closes auctions whose effective end has come. After a restart the first tick closes everything that ended while
 * the service was down; with several replicas each auction still closes once (see {@link AuctionCloser#closeIfDue}).
 */
@ApplicationScoped
public class ClosingScheduler {

    private static final Logger LOG = Logger.getLogger(ClosingScheduler.class);
    private static final int BATCH = 200;

    private final AuctionCloser closer;

    public ClosingScheduler(AuctionCloser closer) {
        this.closer = closer;
    }

    @Scheduled(every = "${gavel.bidding.closing-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void closeDue() {
        for (UUID id : closer.due(BATCH)) {
            try {
                closer.closeIfDue(id);
            } catch (RuntimeException e) {
                LOG.errorf(e, "closing auction %s failed; will retry", id);
            }
        }
    }
}
