package dev.gavel.bidding.service;

import dev.gavel.bidding.Bid;
import dev.gavel.bidding.BidderPosition;
import dev.gavel.bidding.repository.ApprovedBidderRepository;
import dev.gavel.bidding.repository.BidRepository;
import dev.gavel.bidding.repository.BidderPositionRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** A batch's reads and writes in the engine's transaction (written at its commit: the session flushes then). */
@ApplicationScoped
public class DatabaseBatchStore implements BatchStore {

    private final BidRepository bids;
    private final BidderPositionRepository positions;
    private final ApprovedBidderRepository approved;

    public DatabaseBatchStore(BidRepository bids, BidderPositionRepository positions, ApprovedBidderRepository approved) {
        this.bids = bids;
        this.positions = positions;
        this.approved = approved;
    }

    @Override
    public List<BidderPosition> positions(UUID auctionId) {
        return positions.ofAuction(auctionId);
    }

    @Override
    public List<BidderPosition> contenders(UUID auctionId, Set<UUID> bidders) {
        return positions.contenders(Map.of(auctionId, bidders));
    }

    /** The contenders of several auctions' batches in one query, by auction (an auction without any has none). */
    public Map<UUID, List<BidderPosition>> contendersOf(Map<UUID, Set<UUID>> biddersByAuction) {
        return positions.contenders(biddersByAuction).stream()
                .collect(Collectors.groupingBy(p -> p.id.auctionId()));
    }

    @Override
    public Set<UUID> approved(UUID auctionId) {
        return approved.ofAuction(auctionId);
    }

    @Override
    public void persist(BidderPosition position) {
        positions.persist(position);
    }

    @Override
    public void persist(Bid bid) {
        bids.persist(bid);
    }
}
