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
 * Money through a payment provider: an order paid at the provider's checkout, a wallet top-up, or a withdrawal paid
 * out. The amount is the server's, fixed when the payment is made; the provider's webhook only says how it ended.
 */
@Entity
@Table(name = "payment")
public class Payment {

    public static final NotFound NOT_FOUND = NotFound.of("payment");

    public enum Purpose { ORDER, TOP_UP, WITHDRAWAL }

    public enum Status { PENDING, SUCCEEDED, FAILED }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Purpose purpose;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(name = "order_id")
    public UUID orderId;

    @Column(nullable = false)
    public BigDecimal amount;

    @Column(nullable = false, columnDefinition = "bpchar(3)")
    public String currency;

    @Column(nullable = false)
    public String provider;

    @Column(name = "provider_ref")
    public String providerRef;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** The sandbox checkout page's decision, made once: APPROVED or DECLINED. */
    @Column(name = "checkout_decision")
    public String checkoutDecision;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Version
    public long version;
}
