package dev.gavel.bidding.listener;

import dev.gavel.bidding.service.SuspendedAccounts;
import dev.gavel.events.Topics;
import dev.gavel.events.UserReinstated;
import dev.gavel.events.UserSuspended;
import dev.gavel.outbox.EventInbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Suspensions from user-service. Applying is idempotent and ordered by the event's time (see
 * {@link SuspendedAccounts}); unreadable or failing records go to {@code bidding-service.<topic>.dlq}.
 */
@ApplicationScoped
public class AccountEventsListener {

    private final SuspendedAccounts suspended;
    private final EventInbox inbox;

    public AccountEventsListener(SuspendedAccounts suspended, EventInbox inbox) {
        this.suspended = suspended;
        this.inbox = inbox;
    }

    @Incoming(Topics.USER_SUSPENDED)
    @Blocking
    public void onSuspended(ConsumerRecord<String, String> record) {
        inbox.receive(record, UserSuspended.class, suspended::apply);
    }

    @Incoming(Topics.USER_REINSTATED)
    @Blocking
    public void onReinstated(ConsumerRecord<String, String> record) {
        inbox.receive(record, UserReinstated.class, suspended::apply);
    }
}
