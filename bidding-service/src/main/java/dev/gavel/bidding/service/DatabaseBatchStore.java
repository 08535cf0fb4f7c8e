package dev.gavel.bidding.service;

import dev.gavel.bidding.Bid;
import dev.gavel.bidding.BidderPosition;
import dev.gavel.bidding.repository.ApprovedBidderRepository;
import dev.gavel.bidding.repository.BidRepository;
import dev.gavel.bidding.repository.BidderPositionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A batch's reads and writes in the engine's transaction: positions through the session (written at the flush), bids
 * kept for the transaction and written together by {@link #writeBids} (the engine does, with its events); a
 * transaction that would commit with bids not written is rolled back instead.
 */
@ApplicationScoped
public class DatabaseBatchStore implements BatchStore {

    /** The transaction's resource: its bids persisted and not written yet. */
    private static final Object UNWRITTEN_BIDS = new Object();

    private final BidRepository bids;
    private final BidderPositionRepository positions;
    private final ApprovedBidderRepository approved;

    private final TransactionSynchronizationRegistry transactions;

    public DatabaseBatchStore(BidRepository bids, BidderPositionRepository positions, ApprovedBidderRepository approved,
            TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
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
        unwrittenBids().add(bid);
    }

    /** Writes the bids this transaction persisted since the last time, in one statement (none: nothing to do). */
    public void writeBids() {
        List<Bid> unwritten = unwrittenBidsIfAny();
        if (unwritten != null) {
            bids.insertAll(unwritten);
            unwritten.clear();
        }
    }

    /** The bids this transaction persisted and has not written yet; null when it persisted none. */
    @SuppressWarnings("unchecked")
    private List<Bid> unwrittenBidsIfAny() {
        return (List<Bid>) transactions.getResource(UNWRITTEN_BIDS);
    }

    private List<Bid> unwrittenBids() {
        List<Bid> unwritten = unwrittenBidsIfAny();
        if (unwritten == null) {
            List<Bid> created = new ArrayList<>();
            transactions.putResource(UNWRITTEN_BIDS, created);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    if (!created.isEmpty()) {
                        throw new IllegalStateException(created.size() + " bids decided and never written: rolled back");
                    }
                }

                @Override
                public void afterCompletion(int status) {
                }
            });
            unwritten = created;
        }
        return unwritten;
    }
}
