package dev.gavel.payment.provider;

import dev.gavel.common.error.DomainException;
import dev.gavel.payment.Payment;
import dev.gavel.payment.repository.PaymentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * The sandbox's checkout page's two buttons. The payer's decision is recorded once, and reported to us the way a real
 * provider would: by a signed, asynchronous webhook call (nothing is paid until that call is applied). The page's URL
 * holds the payment's random id, like a real provider's checkout link.
 */
@ApplicationScoped
public class SandboxCheckout {

    public static final String APPROVED = "APPROVED";
    public static final String DECLINED = "DECLINED";

    private final PaymentRepository payments;
    private final SandboxWebhooks webhooks;
    private final dev.gavel.payment.config.PaymentConfig config;

    public SandboxCheckout(PaymentRepository payments, SandboxWebhooks webhooks,
            dev.gavel.payment.config.PaymentConfig config) {
        this.config = config;
        this.payments = payments;
        this.webhooks = webhooks;
    }

    /** The payment a checkout page is for (a payment of another provider is not found here). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Payment payment(UUID paymentId) {
        return ofSandbox(payments.findByIdOptional(paymentId).orElseThrow(Payment.NOT_FOUND::exception));
    }

    private Payment ofSandbox(Payment payment) {
        if (!config.sandbox().enabled() || !SandboxProvider.NAME.equals(payment.provider) || payment.purpose == Payment.Purpose.WITHDRAWAL) {
            throw Payment.NOT_FOUND.exception();
        }
        return payment;
    }

    @Transactional
    public void decide(UUID paymentId, boolean approve) {
        Payment payment = ofSandbox(payments.lock(paymentId).orElseThrow(Payment.NOT_FOUND::exception));
        if (payment.checkoutDecision != null || payment.status != Payment.Status.PENDING) {
            throw DomainException.conflict("CHECKOUT_DECIDED", "This checkout was already " + (payment.checkoutDecision
                    == null ? payment.status.name().toLowerCase() : payment.checkoutDecision.toLowerCase()) + ".");
        }
        payment.checkoutDecision = approve ? APPROVED : DECLINED;
        webhooks.enqueue(approve ? SandboxWebhooks.APPROVED : SandboxWebhooks.DECLINED, paymentId);
    }
}
