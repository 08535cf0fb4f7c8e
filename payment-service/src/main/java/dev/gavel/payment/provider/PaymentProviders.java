package dev.gavel.payment.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.common.error.DomainException;
import dev.gavel.payment.config.PaymentConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The providers this deployment has: the sandbox where it is turned on, Stripe when its keys are configured. */
@ApplicationScoped
public class PaymentProviders {

    private final Map<String, PaymentProvider> byName = new LinkedHashMap<>();
    private final PaymentConfig config;

    public PaymentProviders(SandboxProvider sandbox, PaymentConfig config, ObjectMapper mapper, Clock clock) {
        this.config = config;
        if (config.sandbox().enabled()) {
            if (config.sandbox().webhookSecret().filter(s -> !s.isBlank()).isEmpty()) {
                throw new IllegalStateException("the sandbox provider is on but has no webhook key: set "
                        + "GAVEL_PAYMENT_SANDBOX_WEBHOOK_SECRET (or turn it off: GAVEL_PAYMENT_SANDBOX_ENABLED=false)");
            }
            byName.put(sandbox.name(), sandbox);
        }
        if (config.stripe().apiKey().isPresent() && config.stripe().webhookSecret().isPresent()) {
            byName.put(StripeProvider.NAME, new StripeProvider(config.stripe().apiKey().get(),
                    config.stripe().webhookSecret().get(), config.stripe().returnUrl(), config.webhookTolerance(),
                    mapper, clock));
        }
    }

    /** The provider new payments go to. */
    public PaymentProvider current() {
        PaymentProvider provider = byName.get(config.provider());
        if (provider == null) {
            throw DomainException.unavailable("PROVIDER_UNAVAILABLE", "The payment provider " + config.provider()
                    + " is not configured.", java.time.Duration.ofMinutes(5));
        }
        return provider;
    }

    public Optional<PaymentProvider> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
