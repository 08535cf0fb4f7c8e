package dev.gavel.bidding.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.BidderPosition;
import dev.gavel.bidding.config.BiddingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The engine's lease on the auctions it decides: the state a committed batch left (the auction's row and the bidder
 * positions the batch read or wrote), kept in memory for the auction's next batch on this replica, which then neither
 * locks the row nor reads the contenders again. The auction's {@code version} fences the lease: that batch writes the
 * row only where the version is still the one kept (every other write of an auction's row or positions moves it: the
 * closer, new terms, the address retention, another replica), else its transaction is rolled back and decided again
 * with the row locked ({@link Stale}). Positions are kept with the auction they belong to, so the kept set always
 * holds the auction's first two maxima (a maximum only improves, and new ones are written by the batches that keep
 * them). A batch on kept state is given the auction's contenders and its own bidders' positions; it reads only those
 * of its bidders the lease does not hold, and none when the lease holds every position of the auction.
 * <p>
 * An entry is taken by the one writer that decides the auction's batch ({@link BidBatcher} runs one writer per
 * auction at a time) and kept again once that batch's writes are sent, before its commit: the auction's next batch is
 * decided while this one commits, and writes only once it committed ({@link Live#awaitCommitted}). A batch rolled back
 * forgets what it kept, and one decided on that meanwhile is decided again with the row locked. An
 * auction where the lease met another writer is decided with its row locked for {@code leaseBackoff}, so two
 * replicas taking bids on one auction do not undo each other's work batch after batch. Bounded by the positions held,
 * in all and per auction.
 */
@ApplicationScoped
public class LiveAuctions {

    /**
     * What a batch leaves for the next one: the auction, the positions known by bidder, and of them the auction's
     * contenders without a batch ({@link Contenders#leading}): a batch on this state is given those and its bidders'
     * positions only, not every position known.
     */
    record Live(AuctionState auction, Map<UUID, BidderPosition> positions, Map<UUID, BidderPosition> leading,
            CompletableFuture<Boolean> committed) {

        /**
         * Whether the batch that left this state committed (false: rolled back), waiting for its transaction to end
         * for at most {@code most}; false when it did not end by then. A batch decided on this state writes only once
         * that one committed: its version is the row's then, and no other writer's (versions are only ever moved on
         * from a committed one).
         */
        boolean awaitCommitted(Duration most) {
            try {
                return committed.get(most.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException | TimeoutException e) {
                return false;
            }
        }

        /**
         * Whether every position of the auction is known: the auction counts its bidders ({@code bidder_count}, one
         * per position), so a bidder not known then has none, and nothing needs to be read.
         */
        boolean complete() {
            return positions.size() == auction.bidderCount;
        }
    }

    /** A kept auction's row had moved on (another writer): its transaction is rolled back, nothing of it written. */
    static final class Stale extends RuntimeException {
        final Set<UUID> auctions;

        Stale(Set<UUID> auctions) {
            super("the engine's kept state of " + auctions.size() + " auction(s) was stale", null, false, false);
            this.auctions = auctions;
        }
    }

    /** The most positions kept with one auction before it keeps only its contenders. */
    static final int MAX_POSITIONS_PER_AUCTION = 256;

    private final Cache<UUID, Live> kept;
    private final Cache<UUID, Boolean> contended;

    @Inject
    public LiveAuctions(BiddingConfig config, Clock clock) {
        this(config.leasedPositions(), config.leaseBackoff(), clock);
    }

    LiveAuctions(long maxPositions, Duration backoff, Clock clock) {
        this.kept = Caffeine.newBuilder()
                .maximumWeight(maxPositions)
                .<UUID, Live>weigher((id, live) -> 1 + live.positions().size())
                .build();
        this.contended = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(backoff)
                .build();
    }

    /**
     * Takes the kept state of every one of the auctions, or of none: a transaction either decides all its auctions
     * against kept state or locks all their rows (locks taken before writes, in id order, so no deadlock).
     */
    Map<UUID, Live> takeAll(Collection<UUID> auctionIds) {
        Map<UUID, Live> taken = new LinkedHashMap<>();
        for (UUID id : auctionIds) {
            Live live = kept.asMap().remove(id);
            if (live == null || contended.getIfPresent(id) != null) {
                return Map.of(); // what was taken is dropped: the locked transaction reads it again
            }
            taken.put(id, live);
        }
        return taken;
    }

    /**
     * What a batch left, for the next one (an auction that is over is not kept); null when nothing was kept. Kept once
     * the batch's writes are sent, before its commit, so that the next batch is decided while this one commits
     * ({@link EngineTransaction}); that one writes only once this one committed ({@link Live#awaitCommitted}, told by
     * {@link #ended}).
     * {@code touched} are the positions the batch read or wrote, which hold the auction's contenders (read with the row
     * locked, or given from the state it was decided on); {@code previous} is that state, or null for a batch decided
     * with the row locked. The positions the batch did not touch did not change, and none of them can be a contender
     * now (each had two positions ahead of it, whose maxima only improved): the contenders are those of the touched
     * positions. An auction with more than {@link #MAX_POSITIONS_PER_AUCTION} positions known keeps only its
     * contenders: the others are read again when their bidders bid.
     */
    Live keep(AuctionState auction, Live previous, Map<UUID, BidderPosition> touched) {
        if (auction.status != AuctionState.Status.OPEN || contended.getIfPresent(auction.id) != null) {
            return null;
        }
        Map<UUID, BidderPosition> leading = Contenders.leading(auction.type, touched);
        Map<UUID, BidderPosition> positions = previous == null ? new HashMap<>() : previous.positions();
        positions.putAll(touched);
        if (positions.size() > MAX_POSITIONS_PER_AUCTION) {
            positions = new LinkedHashMap<>(leading);
        }
        Live live = new Live(auction, positions, leading, new CompletableFuture<>());
        kept.put(auction.id, live);
        return live;
    }

    /**
     * The end of the transaction of the batch that left {@code live}: a batch decided on it may write now, or, if it
     * rolled back, is decided again ({@link Stale}); and what it left is dropped unless the next batch took it.
     */
    void ended(UUID auctionId, Live live, boolean committed) {
        if (!committed) {
            kept.asMap().remove(auctionId, live);
        }
        live.committed().complete(committed);
    }

    /** The auctions where the lease met another writer: decided with the row locked for a while. */
    void contended(Collection<UUID> auctionIds) {
        auctionIds.forEach(id -> {
            contended.put(id, Boolean.TRUE);
            kept.invalidate(id);
        });
    }

    /** Auctions kept now. */
    long size() {
        kept.cleanUp();
        return kept.estimatedSize();
    }
}
