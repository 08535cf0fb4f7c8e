package dev.gavel.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * The consumer side of at-least-once delivery: an event id is recorded in the same transaction as the change the
 * event causes, so a redelivered event is recognised and changes nothing.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager entityManager;

    public ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Records the event as processed by {@code consumer}.
     *
     * @return {@code true} the first time, {@code false} when it was processed before (skip it)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(UUID eventId, String consumer) {
        int inserted = entityManager.createNativeQuery(
                        "INSERT INTO processed_event (event_id, consumer) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, eventId)
                .setParameter(2, consumer)
                .executeUpdate();
        return inserted == 1;
    }
}
