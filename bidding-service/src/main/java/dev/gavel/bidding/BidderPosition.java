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

    /** The auction's {@code sequence} when the maximum was set: of equal maxima the one set first leads. */
    @Column(name = "max_order", nullable = false)
    public long maxOrder;

    /**
     * The keyed hash of the client address of the bidder's latest accepted bid here, and when it was seen: for the
     * shill signals, removed after {@code gavel.bidding.address-retention}.
     */
    @Column(name = "address_hash")
    public String addressHash;

    @Column(name = "address_seen_at")
    public Instant addressSeenAt;

    /** When the bidder's account was created (their token's {@code account_created_at}), if it said. */
    @Column(name = "account_created_at")
    public Instant accountCreatedAt;

    /** This bidder in the auction's public bid log: {@code bidder-N}, N the order they first bid. */
    public String pseudonym;

    public String publicName() {
        return anonymous ? Bid.mask(bidderName) : bidderName;
    }
}
