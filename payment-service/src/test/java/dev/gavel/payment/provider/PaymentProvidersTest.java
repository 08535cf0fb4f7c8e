package dev.gavel.payment.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.common.error.DomainException;
import dev.gavel.payment.config.PaymentConfig;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sandbox approves payments without money: a deployment has it only when it is turned on (with its webhook key),
 * and Stripe only with both its keys.
 */
class PaymentProvidersTest {

    /** A configuration answering the named methods, nothing else. */
    @SuppressWarnings("unchecked")
    static <T> T config(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
            }
            return answers.get(method.getName());
        });
    }

    static PaymentConfig payments(boolean sandbox, Optional<String> sandboxKey, Optional<String> stripeKey) {
        PaymentConfig.Sandbox s = config(PaymentConfig.Sandbox.class, Map.of("enabled", sandbox, "webhookSecret", sandboxKey));
        PaymentConfig.Stripe st = config(PaymentConfig.Stripe.class, Map.of("apiKey", stripeKey,
                "webhookSecret", stripeKey.map(k -> "whsec_x"), "returnUrl", "http://localhost/orders"));
        return config(PaymentConfig.class, Map.of("sandbox", s, "stripe", st, "provider", "sandbox",
                "webhookTolerance", java.time.Duration.ofMinutes(5)));
    }

    static PaymentProviders providers(PaymentConfig config) {
        return new PaymentProviders(new SandboxProvider(null, config, new ObjectMapper(), Clock.systemUTC()), config,
                new ObjectMapper(), Clock.systemUTC());
    }

    @Test
    void offByDefaultTheSandboxIsNotThereAndItsPaymentsAreUnavailable() {
        PaymentProviders off = providers(payments(false, Optional.empty(), Optional.empty()));
        assertTrue(off.named("sandbox").isEmpty(), "no sandbox webhook, no sandbox checkout");
        DomainException e = assertThrows(DomainException.class, off::current);
        assertEquals(DomainException.Kind.UNAVAILABLE, e.kind());
        assertEquals("PROVIDER_UNAVAILABLE", e.code());
    }

    @Test
    void onItNeedsItsWebhookKey() {
        assertThrows(IllegalStateException.class, () -> providers(payments(true, Optional.empty(), Optional.empty())));
        PaymentProviders on = providers(payments(true, Optional.of("a-key"), Optional.empty()));
        assertEquals("sandbox", on.current().name());
        assertTrue(on.named("stripe").isEmpty(), "Stripe only with its keys");
        assertTrue(providers(payments(false, Optional.empty(), Optional.of("sk_test_1"))).named("stripe").isPresent());
    }
}
