package dev.gavel.bidding.service;

import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.BidderPosition;
import dev.gavel.bidding.api.BidDtos.BidResult;
import dev.gavel.bidding.repository.AuctionStateRepository;
import dev.gavel.bidding.repository.BidderPositionRepository;
import dev.gavel.common.error.DomainException;
import dev.gavel.outbox.Outbox;
import dev.gavel.outbox.Tracing;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.hibernate.FlushMode;
import org.hibernate.Session;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One transaction of the engine ({@link BidEngine}): the batches of one or more auctions, each decided by
 * {@link BidRules} against its auction's latest state, written with their events (outbox) at the commit. The state
 * is either read with the auctions' rows locked (and their contenders read), or taken from the engine's lease on
 * them ({@link LiveAuctions}) and written only where each row is still at the version kept: otherwise the whole
 * transaction is rolled back ({@link LiveAuctions.Stale}) and nothing of it is answered.
 */
@ApplicationScoped
// Rejections are raised before anything is written, and a batch must keep the other bids of its transaction.
@Transactional(dontRollbackOn = DomainException.class)
public class EngineTransaction {

    /**
     * PostgreSQL's order of uuids (their 16 bytes, unsigned), which {@code lockAll} locks in: writes of kept rows take
     * their locks in the same order, so a transaction on kept state and one locking rows never wait on each other
     * ({@link UUID#compareTo} compares signed halves: another order).
     */
    static final Comparator<UUID> IN_DATABASE_ORDER = Comparator
            .comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    /**
     * The longest a batch on kept state waits for the commit of the batch that left it (a commit takes milliseconds);
     * past it, the batch is decided again with the rows locked.
     */
    static final Duration PREVIOUS_COMMIT_WAIT = Duration.ofSeconds(30);

    private final AuctionStateRepository auctions;
    private final BidderPositionRepository positions;
    private final DatabaseBatchStore store;
    private final Outbox outbox;
    private final Idempotency idempotency;
    private final LiveAuctions live;
    private final TransactionSynchronizationRegistry transactions;
    private final BidRules rules;

    public EngineTransaction(AuctionStateRepository auctions, BidderPositionRepository positions,
            DatabaseBatchStore store, Outbox outbox, Idempotency idempotency, LiveAuctions live,
            TransactionSynchronizationRegistry transactions, Clock clock) {
        this.auctions = auctions;
        this.positions = positions;
        this.store = store;
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.live = live;
        this.transactions = transactions;
        this.rules = new BidRules(clock);
    }

    /**
     * Decides the batches (one per auction) in this transaction; with {@code leased}, against the state the engine
     * kept of their auctions when it kept all of them. The answers are in the batches' order. Once every write is sent,
     * before the commit, {@code decided} runs: the auctions' next batches may be decided from then on, on what this one
     * left ({@link #handOver}). This method must be its own transaction (the engine's writers call it with none): the
     * hand-over clears the session.
     */
    public List<List<Decision>> decideAll(List<List<Command>> batches, boolean leased, Runnable decided) {
        // Everything of a batch is decided in memory against one read of the auction and its bidders; the writes
        // go out together at the commit (JDBC batches), not one round trip per bid (gavel-bench BiddingBenchmark).
        auctions.getEntityManager().unwrap(Session.class).setHibernateFlushMode(FlushMode.COMMIT);
        Map<UUID, Integer> indexOf = new TreeMap<>(IN_DATABASE_ORDER); // the order rows are locked and written
        Map<UUID, Set<UUID>> biddersByAuction = new LinkedHashMap<>();
        for (int i = 0; i < batches.size(); i++) {
            if (indexOf.put(auctionOf(batches.get(i)), i) != null) {
                throw new IllegalArgumentException("one batch per auction");
            }
        }
        indexOf.forEach((auctionId, i) -> biddersByAuction.put(auctionId, AuctionBatch.biddersOf(batches.get(i))));
        Map<UUID, LiveAuctions.Live> kept = leased ? live.takeAll(biddersByAuction.keySet()) : Map.of();
        Map<UUID, AuctionBatch> byAuction = kept.isEmpty() ? locked(biddersByAuction) : kept(kept, biddersByAuction);
        Decision[][] decisions = new Decision[batches.size()][];
        try {
            indexOf.forEach((auctionId, i) -> decisions[i] = decideBatch(byAuction.get(auctionId), batches.get(i)));
        } catch (DomainException e) {
            if (!kept.isEmpty()) { // the kept state is written below, not at the commit: never half of it
                throw new IllegalStateException("a transaction on kept state is rolled back as a whole", e);
            }
            publish(byAuction.values()); // the batches decided before it commit, with their events
            throw e;
        }
        if (!kept.isEmpty()) {
            writeKept(byAuction.values(), kept);
        }
        publish(byAuction.values());
        handOver(byAuction.values(), kept, decided);
        return Arrays.stream(decisions).map(Arrays::asList).toList();
    }

    private static UUID auctionOf(List<Command> commands) {
        UUID auctionId = commands.get(0).auctionId();
        if (commands.stream().anyMatch(c -> !c.auctionId().equals(auctionId))) {
            throw new IllegalArgumentException("a batch holds the commands of one auction");
        }
        return auctionId;
    }

    /** The auctions' rows locked (in id order) and their contenders read: one statement each for all auctions. */
    private Map<UUID, AuctionBatch> locked(Map<UUID, Set<UUID>> biddersByAuction) {
        Map<UUID, AuctionBatch> batches = new LinkedHashMap<>();
        if (biddersByAuction.size() == 1) {
            // one auction: its contenders are read when first needed (a batch refused as a whole never reads them)
            biddersByAuction.forEach((auctionId, bidders) -> batches.put(auctionId,
                    new AuctionBatch(auctions.lock(auctionId).orElse(null), store, bidders)));
            return batches;
        }
        Map<UUID, AuctionState> rows = auctions.lockAll(List.copyOf(biddersByAuction.keySet()));
        Map<UUID, List<BidderPosition>> contenders = store.contendersOf(biddersByAuction);
        biddersByAuction.forEach((auctionId, bidders) -> {
            AuctionState auction = rows.get(auctionId);
            batches.put(auctionId, auction == null ? new AuctionBatch(null, store, bidders)
                    : new AuctionBatch(auction, store, bidders, contenders.getOrDefault(auctionId, List.of())));
        });
        return batches;
    }

    /**
     * The kept state: each batch is given its auction's contenders and its bidders' positions, those the lease does not
     * hold read (without a lock: only this engine writes them), unless the lease knows every position of the auction.
     */
    private Map<UUID, AuctionBatch> kept(Map<UUID, LiveAuctions.Live> kept, Map<UUID, Set<UUID>> biddersByAuction) {
        Map<UUID, Set<UUID>> unknown = new LinkedHashMap<>();
        biddersByAuction.forEach((auctionId, bidders) -> {
            LiveAuctions.Live state = kept.get(auctionId);
            if (!state.complete()) {
                Set<UUID> missing = new HashSet<>(bidders);
                missing.removeAll(state.positions().keySet());
                if (!missing.isEmpty()) {
                    unknown.put(auctionId, missing);
                }
            }
        });
        Map<UUID, List<BidderPosition>> read = unknown.isEmpty() ? Map.of()
                : positions.detached(unknown).stream().collect(Collectors.groupingBy(p -> p.id.auctionId()));
        Map<UUID, AuctionBatch> batches = new LinkedHashMap<>();
        biddersByAuction.forEach((auctionId, bidders) -> {
            LiveAuctions.Live state = kept.get(auctionId);
            List<BidderPosition> given = new ArrayList<>(state.leading().values());
            for (UUID bidder : bidders) {
                BidderPosition known = state.positions().get(bidder);
                if (known != null && !state.leading().containsKey(bidder)) {
                    given.add(known);
                }
            }
            given.addAll(read.getOrDefault(auctionId, List.of()));
            batches.put(auctionId, AuctionBatch.ofKept(state.auction(), store, bidders, given));
        });
        return batches;
    }

    /**
     * Writes what the batches changed of the kept state, once the batches that left it committed (one rolled back: the
     * transaction is decided again with the rows locked): each changed auction's row where it is still at the version
     * kept, then the changed positions; an auction that did not change is checked to be still at that version (its
     * rejections were decided against it). Any auction moved on: the transaction is rolled back.
     */
    private void writeKept(Iterable<AuctionBatch> batches, Map<UUID, LiveAuctions.Live> kept) {
        // each kept state is what a batch left before its commit: written on only once that one committed
        Set<UUID> rolledBack = new HashSet<>();
        kept.forEach((auctionId, state) -> {
            if (!state.awaitCommitted(PREVIOUS_COMMIT_WAIT)) {
                rolledBack.add(auctionId);
            }
        });
        if (!rolledBack.isEmpty()) {
            throw new LiveAuctions.Stale(rolledBack);
        }
        List<AuctionState> changed = new ArrayList<>();
        Map<UUID, Long> unchanged = new LinkedHashMap<>();
        List<BidderPosition> changedPositions = new ArrayList<>();
        for (AuctionBatch batch : batches) {
            if (batch.auctionChanged()) {
                changed.add(batch.auction);
            } else {
                unchanged.put(batch.auction.id, batch.auction.version);
            }
            changedPositions.addAll(batch.changedKeptPositions());
        }
        Set<UUID> stale = new HashSet<>(changed.isEmpty() ? Set.of() : auctions.writeKept(changed));
        if (!unchanged.isEmpty()) {
            stale.addAll(auctions.moved(unchanged));
        }
        if (!stale.isEmpty()) {
            live.contended(stale);
            throw new LiveAuctions.Stale(stale);
        }
        positions.writeKept(changedPositions);
    }

    /**
     * Once every write of the transaction is sent, before its commit: what the batches leave is kept for the auctions'
     * next batches ({@link LiveAuctions#keep}), and {@code decided} lets them be decided while this transaction
     * commits; they write once it committed, and are decided again if it rolled back ({@link #writeKept}). The
     * session is flushed, then cleared: the objects kept are no longer this session's, so a next batch changing them
     * changes nothing of this commit.
     */
    private void handOver(Iterable<AuctionBatch> batches, Map<UUID, LiveAuctions.Live> kept, Runnable decided) {
        Session session = auctions.getEntityManager().unwrap(Session.class);
        session.flush();
        session.clear();
        Map<UUID, LiveAuctions.Live> left = new HashMap<>();
        for (AuctionBatch batch : batches) {
            if (batch.auction != null && batch.knownPositions() != null) {
                LiveAuctions.Live state = live.keep(batch.auction, kept.get(batch.auction.id), batch.knownPositions());
                if (state != null) {
                    left.put(batch.auction.id, state);
                }
            }
        }
        if (!left.isEmpty()) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    left.forEach((auctionId, state) -> live.ended(auctionId, state, status == Status.STATUS_COMMITTED));
                }
            });
        }
        decided.run();
    }

    private Decision[] decideBatch(AuctionBatch batch, List<Command> commands) {
        return BidRules.decideInOrder(batch, commands, command -> {
            // each command is decided in its own request's trace, so its events carry that trace
            try (Scope ignored = command.trace().makeCurrent()) {
                return decideOne(batch, command);
            }
        });
    }

    /**
     * The bids of all the transaction's batches, then their events, each in one insert: a batch spread over many
     * auctions has about one event per auction, and one statement each was a third of PostgreSQL's statements in the
     * spread storm (gavel-bench BiddingBenchmark, pg_stat_statements).
     */
    private void publish(Iterable<AuctionBatch> batches) {
        store.writeBids();
        List<Tracing.Traced> events = new ArrayList<>();
        batches.forEach(batch -> events.addAll(batch.events));
        outbox.publishTraced(events);
    }

    private Decision decideOne(AuctionBatch batch, Command command) {
        boolean claimed = false;
        if (command.idempotencyKey() != null) {
            Optional<BidResult> replay;
            try {
                replay = idempotency.claim(command.caller().id(), command.idempotencyKey(), command.fingerprint());
            } catch (DomainException reused) {
                // this request's answer alone: the other requests of its transaction are decided and kept
                return Decision.rejected(reused);
            }
            if (replay.isPresent()) {
                return Decision.accepted(replay.get());
            }
            claimed = true;
        }
        Decision decision = rules.decide(batch, command);
        if (claimed && decision.accepted() != null) {
            idempotency.complete(command.caller().id(), command.idempotencyKey(), decision.accepted());
        } else if (claimed) {
            idempotency.release(command.caller().id(), command.idempotencyKey());
        }
        return decision;
    }
}
