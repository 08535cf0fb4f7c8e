package dev.gavel.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;

/**
 * Not ready while an event channel waits for a dependency ({@link EventInbox}): the service cannot do its work then,
 * and an operator sees which partition waits, since when and why.
 */
@Readiness
@ApplicationScoped
public class InboxHealth implements HealthCheck {

    private final InboxWaits waits;

    public InboxHealth(InboxWaits waits) {
        this.waits = waits;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, InboxWaits.Waiting> now = waits.now();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event inbox").status(now.isEmpty());
        now.forEach((channel, w) -> response.withData(channel, "waiting since " + w.since() + ": " + w.reason()));
        return response.build();
    }
}
