package dev.gavel.bidding;

import dev.gavel.outbox.ProcessedEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Applied-event ids are kept for deduplication for their retention (14 days), then forgotten. */
@BiddingTest
class ProcessedEventsExpiryTest {

    @Inject
    ProcessedEvents processed;

    @Inject
    EntityManager entityManager;

    @Test
    void idsOlderThanTheRetentionAreForgottenAndYoungerOnesStillDeduplicate() {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            assertTrue(processed.firstTime(old, "expiry-test"));
            assertTrue(processed.firstTime(recent, "expiry-test"));
        });
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE processed_event SET processed_at = now() - interval '15 days' WHERE event_id = ?1")
                .setParameter(1, old).executeUpdate());

        assertTrue(processed.expire() >= 1);

        assertFalse(QuarkusTransaction.requiringNew().call(() -> processed.firstTime(recent, "expiry-test")),
                "a 'recent' id still marks its event as applied");
        assertTrue(QuarkusTransaction.requiringNew().call(() -> processed.firstTime(old, "expiry-test")),
                "an expired id is forgotten");
    }
}
