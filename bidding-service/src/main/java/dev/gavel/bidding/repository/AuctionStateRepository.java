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
