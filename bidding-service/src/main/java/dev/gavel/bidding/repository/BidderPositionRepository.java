package dev.gavel.bidding.repository;

import dev.gavel.bidding.BidderPosition;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class BidderPositionRepository implements PanacheRepositoryBase<BidderPosition, BidderPosition.Key> {

    public List<BidderPosition> ofAuction(UUID auctionId) {
        return list("id.auctionId", auctionId);
    }

    public List<BidderPosition> ofBidder(UUID bidderId, int page, int size) {
        return find("id.bidderId = ?1 order by maxSince desc", bidderId).page(page, size).list();
    }

    public long countOfBidder(UUID bidderId) {
        return count("id.bidderId", bidderId);
    }
}
