package dev.gavel.bidding.repository;

import dev.gavel.bidding.AuctionState;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AuctionStateRepository implements PanacheRepositoryBase<AuctionState, UUID> {

    /** Locks the auction's row for the rest of the transaction: one writer per auction at a time. */
    public Optional<AuctionState> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Locks the rows of several auctions in one statement, in the order of their ids (PostgreSQL locks the rows as it
     * returns them, after the sort), so transactions that lock overlapping sets never wait on each other; by id.
     */
    @SuppressWarnings("unchecked")
    public java.util.Map<UUID, AuctionState> lockAll(List<UUID> ids) {
        // SQL with the ids as one array: an HQL "in" list is translated again for every length of list, a tenth of
        // bidding-service's CPU in the spread storm (gavel-bench BiddingBenchmark, the third storm)
        List<AuctionState> rows = getEntityManager()
                .createNativeQuery("SELECT * FROM auction_state WHERE id = ANY(:ids) ORDER BY id FOR UPDATE",
                        AuctionState.class)
                .setParameter("ids", ids.toArray(UUID[]::new))
                .getResultList();
        return rows.stream().collect(java.util.stream.Collectors.toMap(a -> a.id, a -> a));
    }

    /** Open auctions whose effective end has come. */
    public List<UUID> dueForClosing(Instant now, int limit) {
        return getEntityManager()
                .createQuery("SELECT a.id FROM AuctionState a WHERE a.status = :open AND a.endsAt <= :now ORDER BY a.endsAt",
                        UUID.class)
                .setParameter("open", AuctionState.Status.OPEN)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList();
    }
}
