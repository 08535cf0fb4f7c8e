package dev.gavel.auction.service;

import dev.gavel.auction.repository.AuctionRepository;
import dev.gavel.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/** A user's favourites. Adding or removing twice is the same as once. */
@ApplicationScoped
@Transactional
public class WatchlistService {

    /** Enough for any real user; stops a script from filling the table through one account. */
    public static final int MAX_ENTRIES = 1000;

    private final AuctionRepository auctions;

    public WatchlistService(AuctionRepository auctions) {
        this.auctions = auctions;
    }

    public void add(UUID user, UUID auctionId) {
        if (auctions.findById(auctionId) == null) {
            throw ProblemException.notFound("AUCTION_NOT_FOUND", "No such auction.");
        }
        auctions.watch(user, auctionId, Instant.now());
        if (auctions.watchlistSize(user) > MAX_ENTRIES) {
            throw ProblemException.conflict("WATCHLIST_FULL", "A watchlist holds at most " + MAX_ENTRIES + " auctions.");
        }
    }

    public void remove(UUID user, UUID auctionId) {
        auctions.unwatch(user, auctionId);
    }
}
