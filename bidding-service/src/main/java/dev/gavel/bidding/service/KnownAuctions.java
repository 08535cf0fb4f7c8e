package dev.gavel.bidding.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gavel.bidding.repository.AuctionStateRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * The auctions the engine has (terms from the catalog). A row of {@code auction_state} is never deleted, so an id
 * once seen stays known; the cache keeps the hot path free of a lookup per bid, and is bounded.
 */
@ApplicationScoped
public class KnownAuctions implements BidBatcher.Auctions {

    private static final int MAX_REMEMBERED = 100_000;

    private final AuctionStateRepository auctions;
    private final Cache<UUID, Boolean> seen = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED).build();

    public KnownAuctions(AuctionStateRepository auctions) {
        this.auctions = auctions;
    }

    /** Known without asking the database. */
    @Override
    public boolean contains(UUID auctionId) {
        return seen.getIfPresent(auctionId) != null;
    }

    /** Asks the database (blocking); remembers an auction that exists. */
    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean exists(UUID auctionId) {
        if (contains(auctionId)) {
            return true;
        }
        boolean exists = auctions.count("id", auctionId) > 0;
        if (exists) {
            seen.put(auctionId, Boolean.TRUE);
        }
        return exists;
    }
}
