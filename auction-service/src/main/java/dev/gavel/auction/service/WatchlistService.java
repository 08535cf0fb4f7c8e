package dev.gavel.auction.service;

import dev.gavel.auction.Auction;
import dev.gavel.auction.repository.AuctionRepository;
import dev.gavel.auction.repository.WatchlistRepository;
import dev.gavel.common.error.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.UUID;

/** A user's favourites. Adding or removing twice is the same as once. */
@ApplicationScoped
@Transactional
public class WatchlistService {

    /** Enough for any real user; stops a script from filling the table through one account. */
    public static final int MAX_ENTRIES = 1000;

    private final AuctionRepository auctions;
    private final WatchlistRepository watchlist;
    private final Clock clock;

    public WatchlistService(AuctionRepository auctions, WatchlistRepository watchlist, Clock clock) {
        this.auctions = auctions;
        this.watchlist = watchlist;
        this.clock = clock;
    }

    public void add(UUID user, UUID auctionId) {
        if (auctions.findById(auctionId) == null) {
            throw Auction.NOT_FOUND.exception();
        }
        watchlist.watch(user, auctionId, clock.instant());
        if (watchlist.size(user) > MAX_ENTRIES) {
            throw DomainException.conflict("WATCHLIST_FULL", "A watchlist holds at most " + MAX_ENTRIES + " auctions.");
        }
    }

    public void remove(UUID user, UUID auctionId) {
        watchlist.unwatch(user, auctionId);
    }
}
