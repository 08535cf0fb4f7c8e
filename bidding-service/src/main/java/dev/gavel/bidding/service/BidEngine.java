package dev.gavel.bidding.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The engine: batches of bids decided by {@link BidRules}, each batch in one transaction ({@link EngineTransaction}).
 * Every change to an auction is written against its latest state, so bids on one auction are decided one batch at a
 * time, in the order the batches commit: with the auction's row locked, or against the state this replica kept of it
 * ({@link LiveAuctions}), written only where the row is still at the version kept. A batch on kept state may be
 * decided while the auction's batch before it commits: its writes wait for that commit. Each decision commits together
 * with its events (outbox), one {@code bid-placed} per placed bid (automatic counter-bids included), each with the
 * next {@code sequence} of the auction.
 */
@ApplicationScoped
public class BidEngine {

    /** One transaction of the engine ({@link EngineTransaction#decideAll}). */
    interface Transaction {
        List<List<Decision>> decideAll(List<List<Command>> batches, boolean leased);

        /**
         * As {@link #decideAll(List, boolean)}, running {@code decided} once the next batches of these auctions may be
         * decided: before the commit ({@link EngineTransaction}), or here, after it.
         */
        default List<List<Decision>> decideAll(List<List<Command>> batches, boolean leased, Runnable decided) {
            List<List<Decision>> decisions = decideAll(batches, leased);
            decided.run();
            return decisions;
        }
    }

    private static final Runnable NOTHING = () -> {
    };

    private final Transaction transaction;
    private final BiddingMetrics metrics;

    @Inject
    public BidEngine(EngineTransaction transaction, BiddingMetrics metrics) {
        this(new Transaction() {
            @Override
            public List<List<Decision>> decideAll(List<List<Command>> batches, boolean leased) {
                return transaction.decideAll(batches, leased, NOTHING);
            }

            @Override
            public List<List<Decision>> decideAll(List<List<Command>> batches, boolean leased, Runnable decided) {
                return transaction.decideAll(batches, leased, decided);
            }
        }, metrics);
    }

    /** An engine with its own transactions: another replica's, in a test. */
    BidEngine(Transaction transaction, BiddingMetrics metrics) {
        this.transaction = transaction;
        this.metrics = metrics;
    }

    /**
     * Decides a batch of commands for one auction in one transaction (group commit): every command is decided in
     * {@link BidRules#decisionOrder} against the state the previous ones left, and a rejected command changes nothing
     * while the others still commit. The answers are given only after the commit, so every accepted bid is durable.
     */
    public List<Decision> decide(List<Command> commands) {
        return decide(commands, NOTHING);
    }

    /**
     * As {@link #decide(List)}, running {@code decided} once the auction's next batch may be decided: before this one
     * commits, on what it left (the next batch's writes wait for this one's, and are decided again if it rolls back).
     */
    public List<Decision> decide(List<Command> commands, Runnable decided) {
        return decideAll(List.of(commands), decided).get(0);
    }

    /**
     * Decides the batches of several auctions in one transaction, each as {@link #decide} would: bids spread over many
     * auctions share one commit. Rows are locked and written in the order of the auctions' ids, so two such
     * transactions (on this replica or another) never wait on each other's locks. A transaction on kept state that
     * met another writer of one of its auctions was rolled back, nothing of it answered: it is decided again once,
     * with the rows locked.
     */
    public List<List<Decision>> decideAll(List<List<Command>> batches) {
        return decideAll(batches, NOTHING);
    }

    /** As {@link #decideAll(List)}, running {@code decided} as {@link #decide(List, Runnable)} does. */
    public List<List<Decision>> decideAll(List<List<Command>> batches, Runnable decided) {
        try {
            return transaction.decideAll(batches, true, decided);
        } catch (LiveAuctions.Stale stale) {
            metrics.staleLease(stale.auctions.size());
            return transaction.decideAll(batches, false, decided);
        }
    }
}
