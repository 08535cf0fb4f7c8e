package dev.gavel.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.common.persistence.AfterCommit;
import dev.gavel.events.GavelEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes events into the outbox table inside the caller's transaction: the event commits with the state change or
 * not at all. After the commit the relay is woken up to send it at once.
 */
@ApplicationScoped
public class Outbox {

    private static final Object WAKE_UP_REGISTERED = new Object();

    private final ObjectMapper mapper;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final EntityManager entityManager;

    public Outbox(ObjectMapper mapper, TransactionSynchronizationRegistry transactions, OutboxRelay relay,
            EntityManager entityManager) {
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.transactions = transactions;
        this.relay = relay;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(GavelEvent event) {
        publishAll(List.of(event));
    }

    /**
     * Writes many events with one JDBC batch, in list order (the ids, and so the relay order, follow the list). For
     * writers that decide many changes in one transaction, such as the bidding engine's group commit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<? extends GavelEvent> events) {
        String traceParent = Tracing.currentTraceParent();
        publishTraced(events.stream().map(e -> new Tracing.Traced(e, traceParent)).toList());
    }

    /**
     * {@link #publishAll}, each event with the trace it was decided in: a batch that decides the requests of many
     * traces at once (the bidding engine's group commit) keeps each event in its own request's trace.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishTraced(List<Tracing.Traced> events) {
        if (events.isEmpty()) {
            return;
        }
        List<OutboxEvent> rows = events.stream().map(this::row).toList();
        // plain JDBC on the caller's connection: one batch for all the events of a transaction (BiddingBenchmark)
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO outbox_event "
                    + "(event_id, topic, record_key, type, payload, occurred_at, trace_parent) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (OutboxEvent row : rows) {
                    insert.setObject(1, row.eventId());
                    insert.setString(2, row.topic());
                    insert.setString(3, row.recordKey());
                    insert.setString(4, row.type());
                    insert.setString(5, row.payload());
                    insert.setObject(6, OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC));
                    insert.setString(7, row.traceParent());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
        wakeRelayAfterCommit();
    }

    private OutboxEvent row(Tracing.Traced traced) {
        GavelEvent event = traced.event();
        try {
            return new OutboxEvent(null, event.eventId(), event.topic(), event.key(),
                    event.cloudEventType(), mapper.writeValueAsString(event), event.occurredAt(), traced.traceParent());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event cannot be written as JSON: " + event, e);
        }
    }

    private void wakeRelayAfterCommit() {
        if (transactions.getResource(WAKE_UP_REGISTERED) != null) {
            return;
        }
        transactions.putResource(WAKE_UP_REGISTERED, Boolean.TRUE);
        AfterCommit.run(transactions, relay::wakeUp);
    }
}
