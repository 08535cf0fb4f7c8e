package dev.gavel.bidding.service;

import dev.gavel.bidding.repository.ApprovedBidderRepository;
import dev.gavel.events.BidderApproved;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Bidders with a held deposit, from payment-service's {@code bidder-approved} (no synchronous call): on an auction
 * with {@code depositRequired} only they may bid (checked per batch in {@link BidEngine}). Applying twice is harmless.
 */
@ApplicationScoped
public class ApprovedBidders {

    private final ApprovedBidderRepository approved;

    public ApprovedBidders(ApprovedBidderRepository approved) {
        this.approved = approved;
    }

    @Transactional
    public void apply(BidderApproved event) {
        approved.approve(event.auctionId(), event.bidderId(), event.at());
    }
}
