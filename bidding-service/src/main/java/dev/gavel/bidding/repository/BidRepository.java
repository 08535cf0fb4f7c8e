package dev.gavel.bidding.repository;

import dev.gavel.bidding.Bid;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class BidRepository implements PanacheRepositoryBase<Bid, UUID> {

    /** The auction's bid log: the bids that carry a hash, in sequence order. */
    public java.util.List<Bid> log(UUID auctionId) {
        return find("auctionId = ?1 and hash is not null", Sort.ascending("sequence"), auctionId).list();
    }

    /** Newest first. */
    public PanacheQuery<Bid> history(UUID auctionId) {
        return find("auctionId", Sort.descending("sequence"), auctionId);
    }
}
