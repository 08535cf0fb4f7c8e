package dev.gavel.outbox;

import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends committed outbox events to Kafka, in outbox order, and deletes them once Kafka acknowledged them
 * ({@code acks=all}, idempotent producer). It runs on one dedicated thread that is woken up by every commit that wrote
 * an event and otherwise polls at the backstop interval.
 * <p>
 * With several replicas one relay works at a time: it holds a PostgreSQL session advisory lock on a connection of its
 * own (released when that replica stops or dies), and does its reads and deletes on that connection. Each round reads
 * a batch, sends it, and deletes it once every record is acknowledged — so one auction's events reach Kafka in commit
 * order. At-least-once: a crash between the acknowledgement and the delete re-sends; consumers deduplicate on the
 * event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock key shared by all replicas of one service (each service has its own database). */
    private static final long RELAY_LOCK = 0x6761_7665_6c00_0001L;

    private final MutinyEmitter<String> emitter;
    private final Tracer tracer;
    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final URI source;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean signalled;
    private volatile boolean running;
    private Thread worker;
    private Connection leadership;

    public OutboxRelay(@Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
            MutinyEmitter<String> emitter, AgroalDataSource dataSource,
            OutboxConfig config, @ConfigProperty(name = "quarkus.application.name") String applicationName,
            Tracer tracer) {
        this.tracer = tracer;
        this.emitter = emitter;
        this.dataSource = dataSource;
        this.config = config;
        this.source = URI.create("/gavel/" + applicationName);
    }

    void start(@Observes StartupEvent startup) {
        if (!config.relayEnabled()) {
            return;
        }
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        wakeUp();
        if (worker != null) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        releaseLeadership();
    }

    /** Called after a commit that wrote an event. */
    public void wakeUp() {
        lock.lock();
        try {
            signalled = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            try {
                awaitSignal();
                if (!running || !leading()) {
                    continue;
                }
                int sent;
                do {
                    sent = relayBatch();
                } while (running && sent >= config.batchSize());
            } catch (Exception e) {
                LOG.warnf("outbox relay round failed, will retry: %s", e.toString());
                sleepQuietly(500);
            }
        }
    }

    private void awaitSignal() throws InterruptedException {
        lock.lock();
        try {
            if (!signalled) {
                signal.await(config.backstopInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
            signalled = false;
        } finally {
            lock.unlock();
        }
    }

    /** Whether this replica holds (or now takes) the relay's session advisory lock. */
    private boolean leading() {
        try {
            if (leadership != null && leadership.isValid(2)) {
                return true;
            }
            releaseLeadership();
            Connection connection = dataSource.getConnection();
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                ps.setLong(1, RELAY_LOCK);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        try (Statement session = connection.createStatement()) {
                            session.execute("SET synchronous_commit = off"); // for the relay's deletes, see relayBatch
                        }
                        leadership = connection;
                        return true;
                    }
                }
            }
            connection.close(); // another replica relays
            return false;
        } catch (SQLException e) {
            LOG.warnf("outbox relay cannot take its lock: %s", e.toString());
            releaseLeadership();
            return false;
        }
    }

    /**
     * Gives the connection back to the pool as any other: without the relay's lock and with durable commits again (a
     * pooled connection keeps its session, and the next user may be a writer whose commit must wait for the flush).
     */
    private void releaseLeadership() {
        if (leadership != null) {
            try (Statement session = leadership.createStatement()) {
                session.execute("RESET synchronous_commit");
                session.execute("SELECT pg_advisory_unlock_all()");
            } catch (SQLException ignored) {
                // a broken session holds no lock and no setting
            }
            try {
                leadership.close();
            } catch (SQLException ignored) {
                // nothing more to give back
            }
            leadership = null;
        }
    }

    /**
     * One round: read a batch, send it in order, wait for every acknowledgement, then delete what was sent. The relay
     * works on its own leadership connection, one autocommitted statement at a time (no transaction manager, no
     * entities), and its deletes are committed without waiting for the WAL flush ({@code synchronous_commit=off} on
     * that session only): a delete lost in a database crash only sends those events again, which at-least-once
     * delivery allows and consumers deduplicate. Writers' commits stay fully durable.
     */
    int relayBatch() throws SQLException {
        List<OutboxEvent> batch = new ArrayList<>(config.batchSize());
        try (PreparedStatement read = leadership.prepareStatement("SELECT id, event_id, topic, record_key, type, payload, "
                + "occurred_at, trace_parent FROM outbox_event ORDER BY id LIMIT ?")) {
            read.setInt(1, config.batchSize());
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    batch.add(new OutboxEvent(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getString(8)));
                }
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        List<Uni<Void>> acks = new ArrayList<>(batch.size());
        for (OutboxEvent event : batch) {
            acks.add(emitter.sendMessage(toMessage(event)));
        }
        Uni.join().all(acks).andFailFast().await().atMost(config.sendTimeout());
        try (PreparedStatement delete = leadership.prepareStatement("DELETE FROM outbox_event WHERE id = ANY (?)")) {
            delete.setArray(1, leadership.createArrayOf("bigint", batch.stream().map(OutboxEvent::id).toArray()));
            delete.executeUpdate();
        }
        return batch.size();
    }

    /**
     * The record of an event, with a producer span in the trace of the transaction that wrote it: the span's context
     * is the record's {@code traceparent} header (the channel's own tracing is off, so nothing overwrites it).
     */
    private Message<String> toMessage(OutboxEvent event) {
        RecordHeaders headers = new RecordHeaders();
        if (event.traceParent() != null) {
            Span send = tracer.spanBuilder(event.topic() + " publish")
                    .setParent(Tracing.fromTraceParent(event.traceParent()))
                    .setSpanKind(SpanKind.PRODUCER)
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.destination.name", event.topic())
                    .setAttribute("messaging.message.id", event.eventId().toString())
                    .startSpan();
            Tracing.inject(Context.root().with(send), headers);
            send.end();
        }
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic())
                .withKey(event.recordKey())
                .withHeaders(headers)
                .build();
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(event.eventId().toString())
                .withType(event.type())
                .withSource(source)
                .withSubject(event.recordKey())
                .withDataContentType("application/json")
                .withTimestamp(event.occurredAt().atZone(ZoneOffset.UTC))
                .build();
        return Message.of(event.payload()).addMetadata(kafka).addMetadata(cloudEvent);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
