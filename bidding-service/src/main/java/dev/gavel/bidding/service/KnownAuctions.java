package dev.gavel.bidding.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gavel.bidding.repository.AuctionStateRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/**
 * The auctions the engine has (terms from the catalog). A row of {@code auction_state} is never deleted, so an id
 * once seen stays known; the cache keeps the hot path free of a lookup per bid, and is bounded.
 * <p>
 * A crowd's first bids on an auction the cache does not know yet (one just published, or any after a restart) share
 * one lookup: the others wait for its answer instead of each asking the database (in the spread benchmark's warm-up,
 * a tenth of bidding-service's samples were these lookups, each on a writer thread).
 */
@ApplicationScoped
public class KnownAuctions implements BidBatcher.Auctions {

    private static final int MAX_REMEMBERED = 100_000;

    private final Predicate<UUID> lookup;
    private final Cache<UUID, Boolean> seen = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED).build();
    private final ConcurrentMap<UUID, CompletableFuture<Boolean>> running = new ConcurrentHashMap<>();

    @Inject
    public KnownAuctions(AuctionStateRepository auctions) {
        this(id -> auctions.count("id", id) > 0);
    }

    KnownAuctions(Predicate<UUID> lookup) {
        this.lookup = lookup;
    }

    /** Known without asking the database. */
    @Override
    public boolean contains(UUID auctionId) {
        return seen.getIfPresent(auctionId) != null;
    }

    /** Asks the database (blocking), once for all who ask at the same time; remembers an auction that exists. */
    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean exists(UUID auctionId) {
        if (contains(auctionId)) {
            return true;
        }
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> theirs = running.putIfAbsent(auctionId, mine);
        if (theirs != null) {
            return theirs.join(); // a failed lookup fails its waiters too; the next request asks again
        }
        try {
            boolean exists = lookup.test(auctionId);
            if (exists) {
                seen.put(auctionId, Boolean.TRUE);
            }
            mine.complete(exists);
            return exists;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(auctionId, mine);
        }
    }
}
