package dev.gavel.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;

/**
 * Not ready while an event channel waits for a dependency ({@link EventInbox}): the service cannot do its work then,
 * and an operator sees which partition waits, since when and why. A service whose inbox is not its main work keeps
 * ready and shows the waits only ({@link OutboxConfig#inboxWaitsGateReadiness()}).
 */
@Readiness
@ApplicationScoped
public class InboxHealth implements HealthCheck {

    private final InboxWaits waits;
    private final boolean gatesReadiness;

    public InboxHealth(InboxWaits waits, OutboxConfig config) {
        this.waits = waits;
        this.gatesReadiness = config.inboxWaitsGateReadiness();
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, InboxWaits.Waiting> now = waits.now();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("event inbox")
                .status(now.isEmpty() || !gatesReadiness);
        now.forEach((channel, w) -> response.withData(channel, "waiting since " + w.since() + ": " + w.reason()));
        return response.build();
    }
}
