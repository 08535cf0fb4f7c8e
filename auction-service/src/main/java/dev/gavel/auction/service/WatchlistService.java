package dev.gavel.auction.service;

import dev.gavel.auction.Auction;
import dev.gavel.auction.repository.AuctionRepository;
import dev.gavel.auction.repository.WatchlistRepository;
import dev.gavel.common.error.DomainException;
import dev.gavel.events.WatchlistChanged;
import dev.gavel.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.UUID;

/** A user's favourites. Adding or removing twice is the same as once; each real change is published. */
@ApplicationScoped
@Transactional
public class WatchlistService {

    /** Enough for any real user; stops a script from filling the table through one account. */
    public static final int MAX_ENTRIES = 1000;

    private final AuctionRepository auctions;
    private final WatchlistRepository watchlist;
    private final Clock clock;

    private final Outbox outbox;

    public WatchlistService(AuctionRepository auctions, WatchlistRepository watchlist, Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.auctions = auctions;
        this.watchlist = watchlist;
        this.clock = clock;
    }

    public void add(UUID user, UUID auctionId) {
        if (auctions.findById(auctionId) == null) {
            throw Auction.NOT_FOUND.exception();
        }
        boolean added = watchlist.watch(user, auctionId, clock.instant());
        if (watchlist.size(user) > MAX_ENTRIES) {
            throw DomainException.conflict("WATCHLIST_FULL", "A watchlist holds at most " + MAX_ENTRIES + " auctions.");
        }
        if (added) {
            outbox.publish(new WatchlistChanged(UUID.randomUUID(), auctionId, user, true, clock.instant()));
        }
    }

    public void remove(UUID user, UUID auctionId) {
        if (watchlist.unwatch(user, auctionId)) {
            outbox.publish(new WatchlistChanged(UUID.randomUUID(), auctionId, user, false, clock.instant()));
        }
    }
}
