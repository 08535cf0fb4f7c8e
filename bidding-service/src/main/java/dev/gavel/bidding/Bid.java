package dev.gavel.bidding;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** An accepted bid. Bids are never changed or deleted. */
@Entity
@Table(name = "bid")
public class Bid {

    @Id
    public UUID id;

    @Column(name = "auction_id", nullable = false)
    public UUID auctionId;

    @Column(name = "bidder_id", nullable = false)
    public UUID bidderId;

    @Column(name = "bidder_name", nullable = false)
    public String bidderName;

    /** The bidder chose anonymous bidding: others see a masked name. */
    @Column(nullable = false)
    public boolean anonymous;

    @Column(nullable = false)
    public BigDecimal amount;

    @Column(name = "max_amount", nullable = false)
    public BigDecimal maxAmount;

    @Column(nullable = false)
    public boolean automatic;

    @Column(name = "placed_at", nullable = false)
    public Instant placedAt;

    @Column(nullable = false)
    public long sequence;

    /** The bidder in the public log: a per-auction pseudonym ({@code bidder-3}). */
    public String pseudonym;

    /** The log's previous entry hash, and this entry's (see {@code BidLog}); null for bids from before the log. */
    @Column(name = "prev_hash")
    public String prevHash;

    public String hash;

    /** The name others see: {@code b***2} for anonymous bidders. */
    public String publicName() {
        return anonymous ? mask(bidderName) : bidderName;
    }

    public static String mask(String name) {
        if (name == null || name.isEmpty()) {
            return "***";
        }
        return name.charAt(0) + "***" + (name.length() > 1 ? name.charAt(name.length() - 1) : "");
    }
}
