package dev.gavel.outbox;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import dev.gavel.common.persistence.Expiry;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The consumer side of at-least-once delivery: an event id is recorded in the same transaction as the change the
 * event causes, so a redelivered event is recognised and changes nothing. Ids are kept 14 days (configurable), twice
 * the topics' retention, then deleted by a scheduled expiry.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager entityManager;
    private final OutboxConfig config;
    private final Clock clock;

    public ProcessedEvents(EntityManager entityManager, OutboxConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Forgets the ids applied longer ago than {@code gavel.outbox.processed-event-retention} (14 days).
     *
     * @return how many ids were deleted
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public int expire() {
        return Expiry.deleteOlderThan(entityManager, "processed_event", "processed_at",
                clock.instant().minus(config.processedEventRetention()));
    }

    @Scheduled(every = "${gavel.outbox.processed-event-expiry-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void expireOnSchedule() {
        expire();
    }

    /**
     * Records the event as processed by {@code consumer}.
     *
     * @return {@code true} the first time, {@code false} when it was processed before (skip it)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(UUID eventId, String consumer) {
        return !firstTime(List.of(eventId), consumer).isEmpty();
    }

    /**
     * Records a poll's events as processed by {@code consumer}, in one statement (one per event was a round trip per
     * event in the consumers of a bid storm: {@code gavel-bench/run bidding}, the storm with every service up).
     *
     * @return the ids seen for the first time, a set the caller may change (apply those; the others were processed
     *         before)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> firstTime(Collection<UUID> eventIds, String consumer) {
        if (eventIds.isEmpty()) {
            return new HashSet<>();
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO processed_event (event_id, consumer) "
                    + "SELECT DISTINCT id, ? FROM unnest(?) AS ids(id) ON CONFLICT DO NOTHING RETURNING event_id")) {
                insert.setString(1, consumer);
                insert.setArray(2, connection.createArrayOf("uuid", eventIds.toArray()));
                Set<UUID> fresh = new HashSet<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        fresh.add(rows.getObject(1, UUID.class));
                    }
                }
                return fresh;
            }
        });
    }
}
