package dev.gavel.payment.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.payment.Payment;
import dev.gavel.payment.config.PaymentConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * The local payment provider (the default of ./run and tests): its checkout is a page of this service with Approve
 * and Decline ({@link SandboxCheckout}), and it reports like a real provider, with signed webhook calls that are
 * asynchronous, retried until answered 2xx and, when configured, sent twice and out of order
 * ({@link SandboxWebhooks}).
 */
@ApplicationScoped
public class SandboxProvider implements PaymentProvider {

    public static final String NAME = "sandbox";
    public static final String CHECKOUT_PATH = "/api/payments/sandbox/checkouts/";

    private final SandboxWebhooks webhooks;
    private final PaymentConfig config;
    private final ObjectMapper mapper;
    private final Clock clock;

    public SandboxProvider(SandboxWebhooks webhooks, PaymentConfig config, ObjectMapper mapper, Clock clock) {
        this.webhooks = webhooks;
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckoutSession createCheckout(Payment payment, String description) {
        return new CheckoutSession(CHECKOUT_PATH + payment.id, "sbx_" + payment.id);
    }

    @Override
    public ProviderEvent verifyWebhook(String body, Map<String, String> headers) {
        WebhookSignature.verify(config.sandbox().webhookSecret().orElseThrow(), headers.get(WebhookSignature.HEADER.toLowerCase()),
                body, clock.instant(), config.webhookTolerance());
        try {
            JsonNode event = mapper.readTree(body);
            ProviderEvent.Type type = switch (event.path("type").asText()) {
                case SandboxWebhooks.APPROVED -> ProviderEvent.Type.PAYMENT_SUCCEEDED;
                case SandboxWebhooks.DECLINED -> ProviderEvent.Type.PAYMENT_FAILED;
                case SandboxWebhooks.PAYOUT_PAID -> ProviderEvent.Type.PAYOUT_PAID;
                default -> ProviderEvent.Type.IGNORED;
            };
            return new ProviderEvent(event.path("id").asText(), type, UUID.fromString(event.path("paymentId").asText()));
        } catch (IOException | IllegalArgumentException e) {
            // signed by the sandbox, yet unreadable: a bug, not an attack
            throw new IllegalStateException("a signed sandbox webhook that cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void refund(Payment payment) {
        webhooks.enqueue(SandboxWebhooks.REFUNDED, payment.id);
    }

    @Override
    public void payOut(Payment payment) {
        webhooks.enqueue(SandboxWebhooks.PAYOUT_PAID, payment.id);
    }
}
