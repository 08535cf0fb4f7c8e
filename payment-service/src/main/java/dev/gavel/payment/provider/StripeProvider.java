package dev.gavel.payment.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import dev.gavel.common.error.DomainException;
import dev.gavel.payment.Payment;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Stripe behind the provider port, with Stripe's own library: a Checkout Session per payment (our payment id as its
 * {@code client_reference_id}) and webhooks verified by {@code Stripe-Signature} ({@link Webhook#constructEvent}),
 * before their content is read. On only when an API key and a webhook secret are configured. Stripe pays out to a
 * user only through Stripe Connect, which Gavel does not set up: withdrawals are refused with this provider.
 */
public class StripeProvider implements PaymentProvider {

    public static final String NAME = "stripe";

    private final String apiKey;
    private final String webhookSecret;
    private final String returnUrl;
    private final Duration tolerance;
    private final ObjectMapper mapper;
    private final Clock clock;

    public StripeProvider(String apiKey, String webhookSecret, String returnUrl, Duration tolerance, ObjectMapper mapper,
            Clock clock) {
        this.apiKey = apiKey;
        this.webhookSecret = webhookSecret;
        this.returnUrl = returnUrl;
        this.tolerance = tolerance;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckoutSession createCheckout(Payment payment, String description) {
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setClientReferenceId(payment.id.toString())
                .putMetadata("paymentId", payment.id.toString())
                .setSuccessUrl(returnUrl + "?payment=" + payment.id)
                .setCancelUrl(returnUrl + "?payment=" + payment.id + "&cancelled=true")
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(payment.currency.toLowerCase(Locale.ROOT))
                                .setUnitAmount(minorUnits(payment.amount))
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(description).build())
                                .build())
                        .build())
                .build();
        try {
            Session session = Session.create(params, options());
            return new CheckoutSession(session.getUrl(), session.getId());
        } catch (StripeException e) {
            throw unavailable(e);
        }
    }

    @Override
    public ProviderEvent verifyWebhook(String body, Map<String, String> headers) {
        try {
            Webhook.constructEvent(body, headers.get("stripe-signature"), webhookSecret, tolerance.toSeconds(), clock);
        } catch (SignatureVerificationException e) {
            throw new WebhookRejected("Stripe-Signature: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new WebhookRejected("not a Stripe event: " + e.getMessage());
        }
        try {
            JsonNode event = mapper.readTree(body);
            JsonNode session = event.path("data").path("object");
            String type = event.path("type").asText();
            ProviderEvent.Type kind = switch (type) {
                case "checkout.session.completed" -> "paid".equals(session.path("payment_status").asText())
                        ? ProviderEvent.Type.PAYMENT_SUCCEEDED : ProviderEvent.Type.IGNORED;
                case "checkout.session.async_payment_succeeded" -> ProviderEvent.Type.PAYMENT_SUCCEEDED;
                case "checkout.session.async_payment_failed", "checkout.session.expired" ->
                        ProviderEvent.Type.PAYMENT_FAILED;
                default -> ProviderEvent.Type.IGNORED;
            };
            String reference = session.path("client_reference_id").asText(null);
            UUID paymentId = kind == ProviderEvent.Type.IGNORED || reference == null ? null : UUID.fromString(reference);
            return new ProviderEvent(event.path("id").asText(), paymentId == null ? ProviderEvent.Type.IGNORED : kind,
                    paymentId);
        } catch (IOException | IllegalArgumentException e) {
            throw new WebhookRejected("a Stripe event that cannot be read: " + e.getMessage());
        }
    }

    @Override
    public void refund(Payment payment) {
        try {
            Session session = Session.retrieve(payment.providerRef, options());
            com.stripe.model.Refund.create(RefundCreateParams.builder().setPaymentIntent(session.getPaymentIntent())
                    .build(), options());
        } catch (StripeException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void payOut(Payment payment) {
        throw DomainException.conflict("PAYOUT_UNAVAILABLE",
                "Withdrawals are not paid out by Stripe here (it needs Stripe Connect accounts).");
    }

    private RequestOptions options() {
        return RequestOptions.builder().setApiKey(apiKey).build();
    }

    /** Cents (minor units; Gavel's currencies have two decimals). */
    static long minorUnits(BigDecimal amount) {
        return amount.movePointRight(2).longValueExact();
    }

    private static DomainException unavailable(StripeException e) {
        return DomainException.unavailable("PROVIDER_UNAVAILABLE", "The payment provider did not answer: "
                + e.getMessage(), Duration.ofSeconds(30));
    }
}
