package dev.gavel.payment.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gavel.events.UserAddressChanged.PostalAddress;
import dev.gavel.payment.Deposit;
import dev.gavel.payment.Order;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** payment-service's requests and answers (CONTRACT §5b). */
public final class PaymentDtos {

    private PaymentDtos() {
    }

    public enum Method { WALLET, PROVIDER }

    public record PayRequest(@NotNull Method method) {
    }

    public record ShipmentRequest(@NotBlank @Size(max = 60) String carrier,
            @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9 ._/-]+", message = "letters, digits, spaces and ._/-")
            String trackingNumber) {
    }

    public record AmountRequest(@NotNull @DecimalMin(value = "0.01") @Digits(integer = 12, fraction = 2) BigDecimal amount,
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {
    }

    public record DepositRequest(@NotNull UUID auctionId) {
    }

    /** A payment to finish at the provider's checkout page. */
    public record Checkout(UUID paymentId, String checkoutUrl) {
    }

    public record DepositView(UUID auctionId, BigDecimal amount, String currency, Deposit.Status status, Instant heldAt) {

        public static DepositView of(Deposit d) {
            return new DepositView(d.id.auctionId(), d.amount, d.currency, d.status, d.heldAt);
        }
    }

    public record PaymentView(UUID id, dev.gavel.payment.Payment.Purpose purpose, UUID orderId, BigDecimal amount,
            String currency, dev.gavel.payment.Payment.Status status, Instant createdAt, Instant completedAt) {

        public static PaymentView of(dev.gavel.payment.Payment p) {
            return new PaymentView(p.id, p.purpose, p.orderId, p.amount, p.currency, p.status, p.createdAt,
                    p.completedAt);
        }
    }

    public record WalletView(String currency, BigDecimal balance, BigDecimal held, BigDecimal available) {
    }

    public record WithdrawalView(UUID paymentId, BigDecimal amount, String currency, String status) {
    }

    /** One ledger entry of the caller's wallet ({@code account} WALLET) or held money ({@code account} HELD). */
    public record WalletEntry(long id, UUID transactionId, String kind, String description, String account,
            BigDecimal amount, String currency, Instant createdAt) {
    }

    /**
     * An order as its buyer, its seller or an admin sees it. The seller sees the shipping address once the order is
     * paid; {@code sellerCredit} (what the seller gets at completion) only the seller and admins.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OrderView(UUID id, UUID auctionId, String title, UUID buyerId, UUID sellerId, Order.Status status,
            BigDecimal hammerPrice, BigDecimal buyerPremium, BigDecimal total, BigDecimal depositApplied,
            BigDecimal amountDue, String currency, Instant dueAt, PostalAddress shippingAddress, String carrier,
            String trackingNumber, boolean secondChance, boolean secondChanceAvailable, BigDecimal sellerCredit,
            Instant createdAt, Instant paidAt, Instant shippedAt, Instant completedAt, Instant cancelledAt) {
    }
}
