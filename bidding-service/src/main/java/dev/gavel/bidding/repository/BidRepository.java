package dev.gavel.bidding.repository;

import dev.gavel.bidding.Bid;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class BidRepository implements PanacheRepositoryBase<Bid, UUID> {

    /** Newest first. */
    public PanacheQuery<Bid> history(UUID auctionId) {
        return find("auctionId", Sort.descending("sequence"), auctionId);
    }
}
