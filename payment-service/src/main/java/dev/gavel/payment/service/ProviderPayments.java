package dev.gavel.payment.service;

import dev.gavel.outbox.ProcessedEvents;
import dev.gavel.payment.Payment;
import dev.gavel.payment.api.PaymentDtos.Checkout;
import dev.gavel.payment.provider.PaymentProvider;
import dev.gavel.payment.provider.PaymentProviders;
import dev.gavel.payment.provider.ProviderEvent;
import dev.gavel.payment.repository.PaymentRepository;
import dev.gavel.payment.service.Transfer.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Payments through the provider: made with the server's amount, then settled by the provider's webhook events, each
 * applied once (its id is recorded with the change) and in any order: a payment that succeeded stays succeeded, and
 * money reported received is always booked, even after a failure was reported first.
 */
@ApplicationScoped
public class ProviderPayments {

    private static final Logger LOG = Logger.getLogger(ProviderPayments.class);
    private static final String CONSUMER = "payment-webhooks";

    private final PaymentRepository payments;
    private final PaymentProviders providers;
    private final Ledger ledger;
    private final ProcessedEvents processed;
    private final Instance<OrderPayments> orderPayments;
    private final Clock clock;

    public ProviderPayments(PaymentRepository payments, PaymentProviders providers, Ledger ledger,
            ProcessedEvents processed, Instance<OrderPayments> orderPayments, Clock clock) {
        this.payments = payments;
        this.providers = providers;
        this.ledger = ledger;
        this.processed = processed;
        this.orderPayments = orderPayments;
        this.clock = clock;
    }

    /** A new payment at the current provider, to finish at its checkout page. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Checkout start(Payment.Purpose purpose, UUID userId, UUID orderId, BigDecimal amount, String currency,
            String description) {
        PaymentProvider provider = providers.current();
        Payment payment = newPayment(purpose, userId, orderId, amount, currency, provider.name());
        PaymentProvider.CheckoutSession session = provider.createCheckout(payment, description);
        payment.providerRef = session.providerRef();
        return new Checkout(payment.id, session.checkoutUrl());
    }

    /** Pays a withdrawal out: the money leaves the wallet now and comes back if the payout fails. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Payment withdraw(UUID userId, BigDecimal amount, String currency) {
        PaymentProvider provider = providers.current();
        Payment payment = newPayment(Payment.Purpose.WITHDRAWAL, userId, null, amount, currency, provider.name());
        ledger.post(Transfer.of("WITHDRAWAL", payment.id.toString(), "Withdrawal", currency)
                .move(amount, Account.wallet(userId), Account.providerClearing()).build());
        provider.payOut(payment);
        return payment;
    }

    /** Gives an order's provider payment back through the provider (the escrow has moved it to clearing). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refund(Payment payment) {
        providers.named(payment.provider).orElseThrow(() -> new IllegalStateException(
                "the provider " + payment.provider + " of payment " + payment.id + " is gone")).refund(payment);
    }

    /** One of the user's payments. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Payment of(UUID userId, UUID paymentId) {
        return payments.findByIdOptional(paymentId).filter(p -> p.userId.equals(userId))
                .orElseThrow(Payment.NOT_FOUND::exception);
    }

    /** Applies a verified provider event once. */
    @Transactional
    public void apply(String provider, ProviderEvent event) {
        UUID id = UUID.nameUUIDFromBytes((provider + ":" + event.eventId()).getBytes(StandardCharsets.UTF_8));
        if (!processed.firstTime(id, CONSUMER) || event.type() == ProviderEvent.Type.IGNORED) {
            return;
        }
        Payment payment = payments.lock(event.paymentId()).filter(p -> p.provider.equals(provider)).orElse(null);
        if (payment == null) {
            LOG.warnf("a %s event about payment %s, which is not one of ours at that provider", provider,
                    event.paymentId());
            return;
        }
        Instant now = clock.instant();
        switch (event.type()) {
            case PAYMENT_SUCCEEDED -> succeeded(payment, now);
            case PAYMENT_FAILED, PAYOUT_FAILED -> failed(payment, now);
            case PAYOUT_PAID -> {
                if (payment.status == Payment.Status.PENDING) {
                    payment.status = Payment.Status.SUCCEEDED;
                    payment.completedAt = now;
                }
            }
            default -> {
            }
        }
    }

    private void succeeded(Payment payment, Instant now) {
        if (payment.status == Payment.Status.SUCCEEDED || payment.purpose == Payment.Purpose.WITHDRAWAL) {
            return;
        }
        payment.status = Payment.Status.SUCCEEDED;
        payment.completedAt = now;
        if (payment.purpose == Payment.Purpose.TOP_UP) {
            ledger.post(Transfer.of("TOP_UP", payment.id.toString(), "Top-up", payment.currency)
                    .move(payment.amount, Account.providerClearing(), Account.wallet(payment.userId)).build());
        } else {
            orderPayments.get().paidByProvider(payment);
        }
    }

    private void failed(Payment payment, Instant now) {
        if (payment.status != Payment.Status.PENDING) {
            return; // a success that came first stands
        }
        payment.status = Payment.Status.FAILED;
        payment.completedAt = now;
        if (payment.purpose == Payment.Purpose.WITHDRAWAL) {
            ledger.post(Transfer.of("WITHDRAWAL_REVERSED", payment.id.toString(), "Withdrawal failed: money back",
                    payment.currency).move(payment.amount, Account.providerClearing(), Account.wallet(payment.userId))
                    .build());
        }
    }

    private Payment newPayment(Payment.Purpose purpose, UUID userId, UUID orderId, BigDecimal amount, String currency,
            String provider) {
        Payment payment = new Payment();
        payment.id = UUID.randomUUID();
        payment.purpose = purpose;
        payment.userId = userId;
        payment.orderId = orderId;
        payment.amount = amount;
        payment.currency = currency;
        payment.provider = provider;
        payment.status = Payment.Status.PENDING;
        payment.createdAt = clock.instant();
        payments.persist(payment);
        return payment;
    }
}
