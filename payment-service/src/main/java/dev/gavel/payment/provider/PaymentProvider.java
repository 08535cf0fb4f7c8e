package dev.gavel.payment.provider;

import dev.gavel.payment.Payment;

import java.util.Map;

/**
 * The one port to a payment provider (CONTRACT §5b): the sandbox by default, Stripe when it is configured. The amount
 * always comes from the {@link Payment} (the server's record), never from the payer.
 */
public interface PaymentProvider {

    /** The name in {@code /api/payments/webhooks/{provider}} and in {@code payment.provider}. */
    String name();

    /** Starts the provider's checkout for the payment: where to send the payer, and the provider's reference. */
    CheckoutSession createCheckout(Payment payment, String description);

    /**
     * Checks the webhook call's signature and timestamp before anything of it is parsed, then reads it.
     *
     * @param headers the call's headers, names in lower case
     * @throws WebhookRejected when the signature is missing or wrong, or the timestamp outside the tolerance
     */
    ProviderEvent verifyWebhook(String body, Map<String, String> headers);

    /** Gives the payment's money back to the payer (the provider confirms with a webhook). */
    void refund(Payment payment);

    /** Pays a withdrawal out to the user (the provider confirms with a webhook). */
    void payOut(Payment payment);

    record CheckoutSession(String checkoutUrl, String providerRef) {
    }
}
