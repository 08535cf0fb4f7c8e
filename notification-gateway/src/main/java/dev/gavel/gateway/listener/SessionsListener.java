package dev.gavel.gateway.listener;

import dev.gavel.events.Topics;
import dev.gavel.events.UserSessionsRevoked;
import dev.gavel.gateway.service.PersonalFeeds;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Ends personal feeds whose session ended in user-service (logout, password change, suspension): a revoked session
 * no longer hears anything, even though its access token has not expired yet. Closing is idempotent, so a redelivered
 * event needs no deduplication.
 */
@ApplicationScoped
public class SessionsListener {

    private final PersonalFeeds personal;

    public SessionsListener(PersonalFeeds personal) {
        this.personal = personal;
    }

    @Incoming(Topics.USER_SESSIONS_REVOKED)
    public void onSessionsRevoked(ConsumerRecord<String, UserSessionsRevoked> record) {
        if (Provenance.fromProducer(record) && record.value() != null) {
            personal.revoke(record.value());
        }
    }
}
