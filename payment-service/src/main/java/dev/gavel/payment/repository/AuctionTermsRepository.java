package dev.gavel.payment.repository;

import dev.gavel.payment.AuctionTerms;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AuctionTermsRepository implements PanacheRepositoryBase<AuctionTerms, UUID> {

    /**
     * Stores the terms unless the auction is known already (a publication and a close may arrive at the same time,
     * on two topics: neither waits for, nor fails on, the other), then returns the stored row, locked.
     */
    public AuctionTerms insertIfAbsentAndLock(AuctionTerms t) {
        getEntityManager().createNativeQuery("INSERT INTO auction_terms (auction_id, seller_id, title, currency, "
                        + "deposit_required, ends_at, closed, published_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                        + "ON CONFLICT (auction_id) DO NOTHING")
                .setParameter(1, t.auctionId).setParameter(2, t.sellerId).setParameter(3, t.title)
                .setParameter(4, t.currency).setParameter(5, t.depositRequired).setParameter(6, t.endsAt)
                .setParameter(7, t.closed).setParameter(8, t.publishedAt).executeUpdate();
        return lock(t.auctionId).orElseThrow();
    }

    /** The terms, locked: a deposit and the auction's close do not cross. */
    public Optional<AuctionTerms> lock(UUID auctionId) {
        return findByIdOptional(auctionId, LockModeType.PESSIMISTIC_WRITE);
    }
}
