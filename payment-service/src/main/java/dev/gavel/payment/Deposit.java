package dev.gavel.payment;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A bidder's deposit for an auction that asks one (CONTRACT §5b): HELD on their wallet while the auction runs, then
 * RELEASED back to them, or APPLIED to the order when they win.
 */
@Entity
@Table(name = "deposit")
public class Deposit {

    public enum Status { HELD, RELEASED, APPLIED }

    @Embeddable
    public record Key(@Column(name = "auction_id") UUID auctionId, @Column(name = "bidder_id") UUID bidderId)
            implements Serializable {
    }

    @EmbeddedId
    public Key id;

    @Column(nullable = false)
    public BigDecimal amount;

    @Column(nullable = false, columnDefinition = "bpchar(3)")
    public String currency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "held_at", nullable = false)
    public Instant heldAt;

    @Column(name = "settled_at")
    public Instant settledAt;
}
