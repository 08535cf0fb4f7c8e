package dev.gavel.outbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event flow of a service at {@code /q/metrics}: how old the oldest event waiting in the outbox is (the relay's
 * lag), how many received events wait for a dependency, were retried, or went to a dead-letter topic. The dashboard
 * and the alert rules in {@code deploy/observability} are built on these names.
 */
@Startup // its meters exist from the start: dashboards and alerts see a zero, not nothing
@ApplicationScoped
public class EventFlowMetrics {

    private static final Logger LOG = Logger.getLogger(EventFlowMetrics.class);

    private final AgroalDataSource dataSource;
    private final AtomicLong outboxLagMillis = new AtomicLong();
    private final AtomicLong outboxRows = new AtomicLong();
    private final Counter retries;
    private final Counter deadLettered;

    public EventFlowMetrics(MeterRegistry registry, AgroalDataSource dataSource, InboxWaits waits) {
        this.dataSource = dataSource;
        Gauge.builder("gavel.outbox.lag", outboxLagMillis, v -> v.get() / 1000.0).baseUnit("seconds")
                .description("age of the oldest event not yet relayed to Kafka").register(registry);
        Gauge.builder("gavel.outbox.pending", outboxRows, AtomicLong::get)
                .description("events waiting in the outbox").register(registry);
        Gauge.builder("gavel.inbox.waiting.partitions", waits, w -> w.now().size())
                .description("partitions whose next event waits for a dependency").register(registry);
        this.retries = Counter.builder("gavel.inbox.retries")
                .description("attempts to apply a received event again after a dependency failed").register(registry);
        this.deadLettered = Counter.builder("gavel.inbox.dead.lettered")
                .description("received events sent to a dead-letter topic (poison: unreadable, refused)").register(registry);
    }

    void retried() {
        retries.increment();
    }

    void deadLettered() {
        deadLettered.increment();
    }

    /** Reads the outbox's backlog every few seconds (not on the scrape: a scrape must not wait for the database). */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sampleOutbox() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*), "
                     + "coalesce(extract(epoch FROM now() - min(created_at)) * 1000, 0) FROM outbox_event")) {
            rs.next();
            outboxRows.set(rs.getLong(1));
            outboxLagMillis.set(rs.getLong(2));
        } catch (SQLException e) {
            LOG.debugf("outbox not sampled: %s", e.getMessage()); // the database is away; readiness says so
        }
    }
}
