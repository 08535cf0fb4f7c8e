package dev.gavel.bidding.service;

import dev.gavel.bidding.service.BidBatcher.Pending;
import dev.gavel.common.error.DomainException;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Decides what a {@link BidBatcher} writer took in one transaction and answers each request after the commit: one
 * auction's batch, or several auctions' batches together; a combined transaction that was rolled back is decided
 * again one auction at a time, one refused as a whole is never decided again. Counts batches, acceptances and
 * rejections.
 */
final class BatchDecisions {

    private static final Logger LOG = Logger.getLogger(BatchDecisions.class);

    private final BidBatcher.Decider engine;
    private final BiddingMetrics metrics;

    BatchDecisions(BidBatcher.Decider engine, BiddingMetrics metrics) {
        this.engine = engine;
        this.metrics = metrics;
    }

    /**
     * Decides and answers the batches; {@code decided} runs once their auctions' next batches may be decided (before
     * the commit, or after it), and may run though the transaction then fails, or more than once.
     */
    void decide(List<List<Pending>> batches, Runnable decided) {
        if (batches.size() > 1) {
            List<List<Decision>> decisions;
            try {
                decisions = engine.decideAll(batches.stream().map(BatchDecisions::commands).toList(), decided);
            } catch (DomainException e) {
                // not rolled back (BidEngine keeps a batch's other bids on a rejection): never decided again
                LOG.errorf(e, "a batch of %d auctions was refused as a whole", batches.size());
                batches.forEach(batch -> batch.forEach(p -> p.answer().completeExceptionally(e)));
                return;
            } catch (RuntimeException e) {
                // rolled back, so nothing of it committed and nobody was answered: each auction's batch is decided
                // again alone (a deadlock is possible when one Idempotency-Key is sent concurrently for two auctions)
                LOG.warnf("a batch of %d auctions failed and was rolled back; deciding them one by one: %s",
                        batches.size(), e.toString());
                batches.forEach(batch -> decide(List.of(batch), decided));
                return;
            }
            for (int b = 0; b < batches.size(); b++) {
                answer(batches.get(b), decisions.get(b));
            }
            return;
        }
        List<Pending> batch = batches.get(0);
        List<Decision> decisions;
        try {
            decisions = engine.decide(commands(batch), decided);
        } catch (RuntimeException e) {
            LOG.errorf(e, "a batch of %d bids failed and was rolled back", batch.size());
            batch.forEach(p -> p.answer().completeExceptionally(e));
            return;
        }
        answer(batch, decisions);
    }

    private static List<Command> commands(List<Pending> batch) {
        return batch.stream().map(Pending::command).toList();
    }

    private void answer(List<Pending> batch, List<Decision> decisions) {
        metrics.batch(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Decision decision = decisions.get(i);
            if (decision.rejection() == null) {
                metrics.accepted();
            } else {
                metrics.rejected(decision.rejection().code());
            }
            batch.get(i).answer().complete(decision);
        }
    }
}
