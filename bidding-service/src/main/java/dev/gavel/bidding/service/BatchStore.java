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

    /** Every bidder of the auction. */
    List<BidderPosition> positions(UUID auctionId);

    /**
     * The positions a batch of {@code bidders} can change or be priced against: those of the bidders, and every
     * position ranked first or second ({@link Contenders}: fewer than two positions ahead of it). Pricing looks at
     * nothing else, and maxima only ever improve, so no other position can rise into the top two during the batch.
     */
    List<BidderPosition> contenders(UUID auctionId, Set<UUID> bidders);

    /** The bidders whose deposit for the auction is held. */
    Set<UUID> approved(UUID auctionId);

    void persist(BidderPosition position);

    void persist(Bid bid);
}
