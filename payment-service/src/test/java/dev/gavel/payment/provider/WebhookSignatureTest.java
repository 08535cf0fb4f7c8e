package dev.gavel.payment.provider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The sandbox's webhook signature: HMAC-SHA256 over "t.body", within a tolerance of now. */
class WebhookSignatureTest {

    static final String SECRET = "whsec_test_secret";
    static final Instant AT = Instant.parse("2026-12-01T12:00:00Z");
    static final String BODY = "{\"id\":\"evt_1\",\"type\":\"checkout.approved\"}";
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void aKnownVector() {
        // computed independently: printf '1796126400.{body}' | openssl dgst -sha256 -hmac whsec_test_secret
        assertEquals("t=1796126400,v1=0331e9d7cb3e41037e8d441c465424eb4bc7911e5e9fbc7b6fd345c89c348f65",
                WebhookSignature.sign(SECRET, AT, BODY));
    }

    @Test
    void itsOwnSignatureIsAcceptedWithinTheTolerance() {
        String header = WebhookSignature.sign(SECRET, AT, BODY);
        assertDoesNotThrow(() -> WebhookSignature.verify(SECRET, header, BODY, AT.plusSeconds(299), TOLERANCE));
        assertDoesNotThrow(() -> WebhookSignature.verify(SECRET, header, BODY, AT.minusSeconds(299), TOLERANCE));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "another body; whsec_test_secret; {\"id\":\"evt_1\",\"type\":\"checkout.declined\"}; 0",
            "another key; whsec_other; {\"id\":\"evt_1\",\"type\":\"checkout.approved\"}; 0",
            "too old; whsec_test_secret; {\"id\":\"evt_1\",\"type\":\"checkout.approved\"}; 301",
            "from the future; whsec_test_secret; {\"id\":\"evt_1\",\"type\":\"checkout.approved\"}; -301",
    })
    void refused(String why, String verifyingSecret, String body, long secondsLater) {
        String header = WebhookSignature.sign(SECRET, AT, BODY);
        assertThrows(WebhookRejected.class, () -> WebhookSignature.verify(verifyingSecret, header, body,
                AT.plusSeconds(secondsLater), TOLERANCE), why);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"''", "t=1796126400", "v1=abc", "t=x,v1=abc", "t=1796126400,v1=00"})
    void malformedHeadersAreRefused(String header) {
        assertThrows(WebhookRejected.class, () -> WebhookSignature.verify(SECRET, header, BODY, AT, TOLERANCE));
    }
}
