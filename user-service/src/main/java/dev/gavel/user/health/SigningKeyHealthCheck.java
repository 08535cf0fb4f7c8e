package dev.gavel.user.health;

import dev.gavel.user.service.SigningKeys;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only with a usable signing key: without it no one can log in. */
@Readiness
public class SigningKeyHealthCheck implements HealthCheck {

    private final SigningKeys keys;

    public SigningKeyHealthCheck(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("jwt-signing-key").up().withData("kid", keys.keyId()).build();
    }
}
