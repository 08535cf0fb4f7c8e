package dev.gavel.outbox;

import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    private final Map<String, Object> kafka;
    private final OutboxRecords records;
    private final String clientId;
    private final AgroalDataSource dataSource;
    private final OutboxConfig config;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean signalled;
    private volatile boolean running;
    private Thread worker;
    private Connection leadership;
    /** Made by the relay's thread when it first sends (the broker's address may not resolve yet at start). */
    private KafkaProducer<String, String> producer;

    public OutboxRelay(@Identifier("default-kafka-broker") Map<String, Object> kafka, AgroalDataSource dataSource,
            OutboxConfig config, @ConfigProperty(name = "quarkus.application.name") String applicationName,
            Tracer tracer) {
        this.kafka = kafka;
        this.dataSource = dataSource;
        this.config = config;
        this.records = new OutboxRecords(tracer, "/gavel/" + applicationName);
        this.clientId = applicationName + "-outbox";
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
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
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
                            session.execute("SET enable_seqscan = off"); // see relayBatch
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
                session.execute("RESET enable_seqscan");
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
     * <p>
     * The read goes by the primary key: the session has sequential scans off. The table is a queue whose pages hold
     * thousands of deleted rows under a bid storm until autovacuum comes, and the planner, seeing a few live rows,
     * chose to read every page and sort (3,800 pages, 4–14 ms a read, about a third of PostgreSQL's time for the
     * bidding database in a bid storm) over the index (20–70 pages, 0.1–0.4 ms): docs/benchmarks.md, "PostgreSQL's
     * time per bid".
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
        send(batch);
        try (PreparedStatement delete = leadership.prepareStatement("DELETE FROM outbox_event WHERE id = ANY (?)")) {
            delete.setArray(1, leadership.createArrayOf("bigint", batch.stream().map(OutboxEvent::id).toArray()));
            delete.executeUpdate();
        }
        return batch.size();
    }

    /**
     * Sends the batch in order and waits until Kafka acknowledged every record ({@code acks=all}, idempotent producer:
     * a retried send is written once and in order). A plain producer, not a messaging channel: the channel's
     * per-message wrapping (Mutiny, metadata, context propagation) was about a tenth of bidding-service's CPU under a
     * bid storm (gavel-bench BiddingBenchmark, JFR profile in docs/benchmarks.md).
     */
    private void send(List<OutboxEvent> batch) {
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        KafkaProducer<String, String> kafkaProducer = producer();
        try {
            for (OutboxEvent event : batch) {
                acks.add(kafkaProducer.send(records.of(event)));
            }
        } catch (KafkaException e) {
            // a producer that refuses to send (fenced, closed, misconfigured) is made again for the next round
            kafkaProducer.close(java.time.Duration.ZERO);
            producer = null;
            throw e;
        }
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            // nothing is deleted: the whole batch is sent again next round, and consumers deduplicate on the event id
            throw new IllegalStateException("Kafka did not acknowledge the batch: " + e, e);
        }
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = KafkaProducers.create(kafka, Map.of(
                    ProducerConfig.CLIENT_ID_CONFIG, clientId,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                    ProducerConfig.LINGER_MS_CONFIG, 0,
                    // a round's records go out in a few produce requests, not one per 16 KiB (the default): at five
                    // requests in flight a round of 1,000 waited for about twenty round trips to the broker
                    ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                    // a send waits for the broker's metadata at most as long as the round waits for its acknowledgements
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, config.sendTimeout().toMillis()));
        }
        return producer;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
