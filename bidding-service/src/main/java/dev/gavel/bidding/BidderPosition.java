package dev.gavel.bidding;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A bidder's standing in one auction: their highest own amount and their maximum (proxy). */
@Entity
@Table(name = "bidder_position")
public class BidderPosition {

    @Embeddable
    public record Key(@Column(name = "auction_id") UUID auctionId, @Column(name = "bidder_id") UUID bidderId)
            implements Serializable {
    }

    @EmbeddedId
    public Key id;

    @Column(name = "bidder_name", nullable = false)
    public String bidderName;

    @Column(nullable = false)
    public boolean anonymous;

    @Column(nullable = false)
    public BigDecimal amount;

    @Column(name = "max_amount", nullable = false)
    public BigDecimal maxAmount;

    @Column(name = "max_since", nullable = false)
    public Instant maxSince;

    /** This bidder in the auction's public bid log: {@code bidder-N}, N the order they first bid. */
    public String pseudonym;

    public String publicName() {
        return anonymous ? Bid.mask(bidderName) : bidderName;
    }
}
