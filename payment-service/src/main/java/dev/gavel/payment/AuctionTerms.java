package dev.gavel.payment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** What payment-service knows of an auction, from {@code auction-published} and {@code auction-closed}. */
@Entity
@Table(name = "auction_terms")
public class AuctionTerms {

    @Id
    @Column(name = "auction_id")
    public UUID auctionId;

    @Column(name = "seller_id", nullable = false)
    public UUID sellerId;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false, columnDefinition = "bpchar(3)")
    public String currency;

    @Column(name = "deposit_required")
    public BigDecimal depositRequired;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Column(nullable = false)
    public boolean closed;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;
}
