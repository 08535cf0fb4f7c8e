package dev.gavel.bidding.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The bidders whose deposit for an auction is held (CONTRACT §5b); a row is never removed before the close. */
@ApplicationScoped
public class ApprovedBidderRepository {

    private final EntityManager entityManager;

    public ApprovedBidderRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records the approval; a second one of the same bidder changes nothing. */
    public void approve(UUID auctionId, UUID bidderId, Instant at) {
        entityManager.createNativeQuery("INSERT INTO approved_bidder (auction_id, bidder_id, approved_at) "
                        + "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, auctionId).setParameter(2, bidderId).setParameter(3, at)
                .executeUpdate();
    }

    public Set<UUID> ofAuction(UUID auctionId) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery(
                "SELECT bidder_id FROM approved_bidder WHERE auction_id = ?1", UUID.class)
                .setParameter(1, auctionId).getResultList();
        return new HashSet<>(ids);
    }
}
