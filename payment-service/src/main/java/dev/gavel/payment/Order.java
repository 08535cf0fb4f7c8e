package dev.gavel.payment;

import dev.gavel.common.error.NotFound;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * What follows a SOLD auction (CONTRACT §5b): the buyer owes {@code total} (hammer price plus premium) by
 * {@code dueAt}; paid money waits in the order's escrow account until the buyer confirms receipt (or the receipt
 * timeout after shipment), then goes to the seller less the commission.
 */
@Entity
@Table(name = "orders")
public class Order {

    public static final NotFound NOT_FOUND = NotFound.of("order");

    public enum Status { AWAITING_PAYMENT, PAID, SHIPPED, COMPLETED, CANCELLED, REFUNDED }

    @Id
    public UUID id;

    @Column(name = "auction_id", nullable = false)
    public UUID auctionId;

    @Column(nullable = false)
    public String title;

    @Column(name = "buyer_id", nullable = false)
    public UUID buyerId;

    @Column(name = "seller_id", nullable = false)
    public UUID sellerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "hammer_price", nullable = false)
    public BigDecimal hammerPrice;

    @Column(name = "buyer_premium", nullable = false)
    public BigDecimal buyerPremium;

    @Column(nullable = false)
    public BigDecimal total;

    /** The part of the total the buyer's deposit already paid (held money moved into escrow at the close). */
    @Column(name = "deposit_applied", nullable = false)
    public BigDecimal depositApplied;

    @Column(nullable = false, columnDefinition = "bpchar(3)")
    public String currency;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    /** The buyer's principal address when the order was made (JSON), if they had one. */
    @Column(name = "shipping_address")
    public String shippingAddress;

    public String carrier;

    @Column(name = "tracking_number")
    public String trackingNumber;

    /** Offered to the runner-up after the winner did not pay. */
    @Column(name = "second_chance", nullable = false)
    public boolean secondChance;

    @Column(name = "runner_up_id")
    public UUID runnerUpId;

    @Column(name = "runner_up_amount")
    public BigDecimal runnerUpAmount;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "paid_at")
    public Instant paidAt;

    @Column(name = "shipped_at")
    public Instant shippedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Version
    public long version;

    /** What is still to pay. */
    public BigDecimal amountDue() {
        return total.subtract(depositApplied);
    }

    public boolean payableAt(Instant now) {
        return status == Status.AWAITING_PAYMENT && now.isBefore(dueAt);
    }
}
