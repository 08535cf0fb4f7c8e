package dev.gavel.auction.repository;

import dev.gavel.auction.Auction;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class AuctionRepository implements PanacheRepositoryBase<Auction, UUID> {

    /** SCHEDULED auctions whose start has come become ACTIVE; idempotent, so safe with several replicas. */
    public int activateDue(Instant now) {
        return update("status = ?1, updatedAt = ?2 where status = ?3 and startsAt <= ?2",
                Auction.Status.ACTIVE, now, Auction.Status.SCHEDULED);
    }
}
