package dev.gavel.gateway.health;

import dev.gavel.gateway.service.RelayPositions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the live relay reads from a known position: before that a watcher could miss events. */
@Readiness
@ApplicationScoped
public class LiveRelayHealthCheck implements HealthCheck {

    private final RelayPositions positions;

    public LiveRelayHealthCheck(RelayPositions positions) {
        this.positions = positions;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("live relay").status(positions.ready()).build();
    }
}
