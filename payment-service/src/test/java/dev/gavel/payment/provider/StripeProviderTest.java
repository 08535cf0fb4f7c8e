package dev.gavel.payment.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The Stripe adapter verifies webhooks the way Stripe documents them: {@code Stripe-Signature: t=<unix>,v1=<hex
 * HMAC-SHA256 of "<t>.<payload>" with the endpoint's whsec_ secret>}, within a tolerance. The events are signed here
 * with that scheme and fixed keys, independently of the library; nothing calls Stripe.
 */
class StripeProviderTest {

    static final String SECRET = "whsec_fixed_test_secret_0123456789";
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final StripeProvider stripe = new StripeProvider("sk_test_not_used", SECRET, "http://localhost/orders",
            Duration.ofMinutes(5), new ObjectMapper(), Clock.fixed(NOW, ZoneOffset.UTC));
    private final UUID paymentId = UUID.randomUUID();

    String completed(String paymentStatus) {
        return """
                {"id":"evt_1QxYz","object":"event","api_version":"2025-10-29.clover","type":"checkout.session.completed",
                 "data":{"object":{"id":"cs_test_a1","object":"checkout.session","client_reference_id":"%s",
                 "payment_status":"%s","amount_total":11000,"currency":"eur"}}}""".formatted(paymentId, paymentStatus);
    }

    static String sign(String payload, Instant at, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String v1 = HexFormat.of().formatHex(mac.doFinal((at.getEpochSecond() + "." + payload)
                .getBytes(StandardCharsets.UTF_8)));
        return "t=" + at.getEpochSecond() + ",v1=" + v1;
    }

    @Test
    void aCompletedPaidSessionIsAPaymentOfOurs() throws Exception {
        String payload = completed("paid");
        ProviderEvent event = stripe.verifyWebhook(payload, Map.of("stripe-signature", sign(payload, NOW, SECRET)));
        assertEquals("evt_1QxYz", event.eventId());
        assertEquals(ProviderEvent.Type.PAYMENT_SUCCEEDED, event.type());
        assertEquals(paymentId, event.paymentId());
    }

    @Test
    void aSessionCompletedUnpaidWaitsForTheAsyncPayment() throws Exception {
        String payload = completed("unpaid");
        assertEquals(ProviderEvent.Type.IGNORED,
                stripe.verifyWebhook(payload, Map.of("stripe-signature", sign(payload, NOW, SECRET))).type());
    }

    @Test
    void tamperedOldForeignOrMissingSignaturesAreRefused() throws Exception {
        String payload = completed("paid");
        String signature = sign(payload, NOW, SECRET);
        String tampered = payload.replace("11000", "1");
        assertThrows(WebhookRejected.class, () -> stripe.verifyWebhook(tampered, Map.of("stripe-signature", signature)));
        assertThrows(WebhookRejected.class, () -> stripe.verifyWebhook(payload,
                Map.of("stripe-signature", sign(payload, NOW.minusSeconds(301), SECRET))), "older than the tolerance");
        assertThrows(WebhookRejected.class, () -> stripe.verifyWebhook(payload,
                Map.of("stripe-signature", sign(payload, NOW, "whsec_someone_else"))));
        assertThrows(WebhookRejected.class, () -> stripe.verifyWebhook(payload, Map.of()));
    }

    @Test
    void amountsGoToStripeInCents() {
        assertEquals(11000, StripeProvider.minorUnits(new java.math.BigDecimal("110.00")));
        assertEquals(1, StripeProvider.minorUnits(new java.math.BigDecimal("0.01")));
    }
}
