package dev.gavel.bidding.service;

import dev.gavel.bidding.Bid;
import dev.gavel.bidding.BidderPosition;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Where a batch reads an auction's bidders and writes what it decides: PostgreSQL in the engine
 * ({@link DatabaseBatchStore}), memory in the model tests, which drive the same rules a million times per build.
 */
public interface BatchStore {

    /** The auction's bidders, in the order they first bid. */
    List<BidderPosition> positions(UUID auctionId);

    /** The bidders whose deposit for the auction is held. */
    Set<UUID> approved(UUID auctionId);

    void persist(BidderPosition position);

    void persist(Bid bid);
}
