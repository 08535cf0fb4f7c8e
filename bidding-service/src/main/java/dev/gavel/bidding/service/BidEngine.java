package dev.gavel.bidding.service;

import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.BidderPosition;
import dev.gavel.bidding.api.BidDtos.BidResult;
import dev.gavel.bidding.repository.AuctionStateRepository;
import dev.gavel.common.error.DomainException;
import dev.gavel.outbox.Outbox;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.FlushMode;
import org.hibernate.Session;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The engine: batches of bids decided by {@link BidRules} in one transaction each. Every change to an auction happens with its row locked, so bids on one auction are decided
 * one at a time, in the order they get the lock, against the latest state; each decision commits together with its
 * events (outbox), one {@code bid-placed} per placed bid (automatic counter-bids included), each with the next
 * {@code sequence} of the auction.
 */
@ApplicationScoped
// Rejections are raised before anything is written, and a batch must keep the other bids of its transaction.
@Transactional(dontRollbackOn = DomainException.class)
public class BidEngine {

    private final AuctionStateRepository auctions;
    private final DatabaseBatchStore store;
    private final Outbox outbox;
    private final Idempotency idempotency;
    private final BidRules rules;

    public BidEngine(AuctionStateRepository auctions, DatabaseBatchStore store, Outbox outbox, Idempotency idempotency,
            Clock clock) {
        this.auctions = auctions;
        this.store = store;
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.rules = new BidRules(clock);
    }

    /**
     * Decides a batch of commands for one auction in one transaction (group commit): the row is locked once, every
     * command is decided in {@link BidRules#decisionOrder} against the state the previous ones left, and a rejected
     * command changes nothing while the others still commit. The answers are given only after the commit, so every
     * accepted bid is durable.
     */
    public List<Decision> decide(List<Command> commands) {
        return decideAll(List.of(commands)).get(0);
    }

    /**
     * Decides the batches of several auctions in one transaction, each as {@link #decide} would: bids spread over many
     * auctions share one commit. The rows are locked in the order of the auctions' ids, so two such transactions (on
     * this replica or another) never wait on each other's locks.
     */
    public List<List<Decision>> decideAll(List<List<Command>> batches) {
        // Everything of a batch is decided in memory against one read of the auction and its bidders; the writes
        // go out together at the commit (JDBC batches), not one round trip per bid (gavel-bench BiddingBenchmark).
        auctions.getEntityManager().unwrap(Session.class).setHibernateFlushMode(FlushMode.COMMIT);
        List<Integer> lockOrder = new ArrayList<>(batches.size());
        for (int i = 0; i < batches.size(); i++) {
            lockOrder.add(i);
        }
        lockOrder.sort(Comparator.comparing(i -> auctionOf(batches.get(i))));
        Decision[][] decisions = new Decision[batches.size()][];
        if (batches.size() == 1) {
            UUID auctionId = auctionOf(batches.get(0));
            decisions[0] = decideBatch(new AuctionBatch(auctions.lock(auctionId).orElse(null), store,
                    AuctionBatch.biddersOf(batches.get(0))), batches.get(0));
        } else {
            // every auction's row locked and every auction's contenders read in one statement each, not two per auction
            Map<UUID, Set<UUID>> biddersByAuction = new LinkedHashMap<>();
            for (int i : lockOrder) {
                biddersByAuction.put(auctionOf(batches.get(i)), AuctionBatch.biddersOf(batches.get(i)));
            }
            Map<UUID, AuctionState> locked = auctions.lockAll(List.copyOf(biddersByAuction.keySet()));
            Map<UUID, List<BidderPosition>> contenders = store.contendersOf(biddersByAuction);
            for (int i : lockOrder) {
                UUID auctionId = auctionOf(batches.get(i));
                AuctionState auction = locked.get(auctionId);
                Set<UUID> bidders = biddersByAuction.get(auctionId);
                AuctionBatch batch = auction == null ? new AuctionBatch(null, store, bidders)
                        : new AuctionBatch(auction, store, bidders, contenders.getOrDefault(auctionId, List.of()));
                decisions[i] = decideBatch(batch, batches.get(i));
            }
        }
        return Arrays.stream(decisions).map(Arrays::asList).toList();
    }

    private static UUID auctionOf(List<Command> commands) {
        UUID auctionId = commands.get(0).auctionId();
        if (commands.stream().anyMatch(c -> !c.auctionId().equals(auctionId))) {
            throw new IllegalArgumentException("a batch holds the commands of one auction");
        }
        return auctionId;
    }

    private Decision[] decideBatch(AuctionBatch batch, List<Command> commands) {
        Decision[] decisions = BidRules.decideInOrder(batch, commands, command -> {
            // each command is decided in its own request's trace, so its events carry that trace
            try (Scope ignored = command.trace().makeCurrent()) {
                return decideOne(batch, command);
            }
        });
        outbox.publishTraced(batch.events);
        return decisions;
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
