package dev.gavel.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.common.error.Failures;
import dev.gavel.events.Topics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The receiving end of an event channel. Records arrive as text and are read here, so that an unreadable one reaches
 * the listener at all. Two kinds of failure are told apart ({@link Failures}):
 * <ul>
 * <li>A <b>dependency</b> failing (the database restarting, a lock timeout, the broker away) is waited out: the
 * record is applied again with exponential backoff and jitter, without limit, and its offset is not committed before
 * it is applied. The channel waits with it (records of a partition are applied in order) and {@link InboxHealth}
 * reports the service not ready meanwhile.</li>
 * <li>A record that fails for its <b>own content</b> (unreadable, not from the topic's producer, refused by a rule or
 * a constraint) makes the listener throw at once: with the channel's {@code dead-letter-queue} failure strategy it
 * goes, as it came, to {@code <service>.<topic>.dlq} with the reason in the {@code dead-letter-reason} header, and the
 * channel keeps going. {@link DeadLetterReplay} feeds it back after a fix.</li>
 * </ul>
 * Deduplication stays with the caller's transaction ({@link ProcessedEvents}). Each record is handled in a consumer
 * span whose parent is the record's {@code traceparent} ({@link ConsumerSpans}).
 */
@ApplicationScoped
public class EventInbox {

    private static final Logger LOG = Logger.getLogger(EventInbox.class);

    private final ObjectMapper mapper;
    private final InboxWaits waits;
    private final Backoff backoff;
    private final EventFlowMetrics metrics;
    private final DeadLetters deadLetters;

    private final ConsumerSpans consumerSpans;

    public EventInbox(ObjectMapper mapper, InboxWaits waits, OutboxConfig config, EventFlowMetrics metrics,
            ConsumerSpans consumerSpans, DeadLetters deadLetters) {
        this.consumerSpans = consumerSpans;
        this.deadLetters = deadLetters;
        this.mapper = mapper;
        this.metrics = metrics;
        this.waits = waits;
        this.backoff = new Backoff(config.inboxRetryInitial(), config.inboxRetryMax());
    }

    /**
     * Checks that the record comes from the topic's producer ({@code ce_source}, {@code ce_type}), reads it as
     * {@code type} and applies it (each attempt in its own transaction, opened by {@code apply}).
     */
    public <E> void receive(ConsumerRecord<String, String> record, Class<E> type, Consumer<E> apply) {
        Span span = consumerSpans.start(record, record.topic() + " process");
        try (Scope ignored = span.makeCurrent()) {
            receiveInSpan(record, type, apply);
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.toString());
            throw e;
        } finally {
            span.end();
        }
    }

    private <E> void receiveInSpan(ConsumerRecord<String, String> record, Class<E> type, Consumer<E> apply) {
        E event;
        try {
            checkProvenance(record);
            event = read(record.value(), type);
        } catch (RuntimeException poison) {
            metrics.deadLettered();
            throw poison;
        }
        try {
            applyWaitingOutOutages(record.topic() + "-" + record.partition(), event, () -> apply.accept(event));
        } catch (RuntimeException refused) {
            metrics.deadLettered();
            LOG.errorf(refused, "%s cannot be applied: it goes to the dead-letter topic", event);
            throw refused;
        }
    }

    /**
     * A whole poll at once: the readable records are applied together by {@code applyAll} (one transaction, waiting
     * out a dependency's outage like {@link #receive}); unreadable or forged ones are dead-lettered one by one
     * ({@link DeadLetters}), and if the batch is refused for the content of one of its events, the events are
     * applied one at a time with {@code applyOne}, so that only the refused one is dead-lettered. Each record has its
     * consumer span in the trace that produced it.
     */
    public <E> void receiveAll(ConsumerRecords<String, String> records, Class<E> type, Consumer<List<E>> applyAll,
            Consumer<E> applyOne) {
        List<E> events = new ArrayList<>(records.count());
        List<ConsumerRecord<String, String>> sources = new ArrayList<>(records.count());
        List<Span> spans = new ArrayList<>(records.count());
        try {
            for (ConsumerRecord<String, String> record : records) {
                Span span = consumerSpans.start(record, record.topic() + " process");
                spans.add(span);
                try {
                    checkProvenance(record);
                    events.add(read(record.value(), type));
                    sources.add(record);
                } catch (RuntimeException poison) {
                    span.setStatus(StatusCode.ERROR, poison.toString());
                    metrics.deadLettered();
                    deadLetters.send(record, poison);
                }
            }
            if (events.isEmpty()) {
                return;
            }
            String channel = sources.get(0).topic() + "-batch";
            try {
                applyWaitingOutOutages(channel, events.size() + " events", () -> applyAll.accept(events));
            } catch (RuntimeException refused) {
                LOG.warnf("a batch of %d events was refused (%s): applying them one at a time", events.size(),
                        refused.toString());
                for (int i = 0; i < events.size(); i++) {
                    E event = events.get(i);
                    try {
                        applyWaitingOutOutages(channel, event, () -> applyOne.accept(event));
                    } catch (RuntimeException alone) {
                        metrics.deadLettered();
                        LOG.errorf(alone, "%s cannot be applied: it goes to the dead-letter topic", event);
                        deadLetters.send(sources.get(i), alone);
                    }
                }
            }
        } finally {
            spans.forEach(Span::end);
        }
    }

    /** Runs {@code apply} until it succeeds, waiting out transient failures; throws what is not transient. */
    private void applyWaitingOutOutages(String channel, Object what, Runnable apply) {
        for (int attempt = 1; ; attempt++) {
            try {
                apply.run();
                waits.recovered(channel);
                return;
            } catch (RuntimeException e) {
                if (!Failures.isTransient(e)) {
                    waits.recovered(channel);
                    throw e;
                }
                waits.waiting(channel, e);
                metrics.retried();
                long wait = backoff.delayMillis(attempt);
                LOG.warnf("applying %s failed (attempt %d) because a dependency is unavailable; retrying in %d ms: %s",
                        what, attempt, wait, e.toString());
                pause(wait);
            }
        }
    }

    /**
     * Waits before the next attempt. An interrupt (the service stopping) does not end the wait early with a failure:
     * a failure would send the record to the dead-letter topic, and returning would acknowledge it unapplied. The
     * record stays unacknowledged instead, and comes again after the restart.
     */
    private static void pause(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        for (long left = millis; left > 0; left = (until - System.nanoTime()) / 1_000_000) {
            try {
                Thread.sleep(left);
            } catch (InterruptedException stopping) {
                LOG.debug("interrupted while waiting for a dependency; the record stays unacknowledged");
            }
        }
    }

    /**
     * Only the topic's producer writes it (CONTRACT §7): a record with another or no {@code ce_source}, or the wrong
     * {@code ce_type}, is refused. The broker's ACLs are what makes the header trustworthy; this check is the
     * consumers' half of it.
     */
    static void checkProvenance(ConsumerRecord<String, String> record) {
        String source = header(record, "ce_source");
        String type = header(record, "ce_type");
        String expectedSource = Topics.sourceOf(record.topic());
        String expectedType = "dev.gavel." + record.topic();
        if (!expectedSource.equals(source) || !expectedType.equals(type)) {
            LOG.errorf("a %s record from %s (type %s) is not from %s: it goes to the dead-letter topic unapplied",
                    record.topic(), source, type, expectedSource);
            throw new IllegalArgumentException("record not from the topic's producer " + expectedSource);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private <E> E read(String record, Class<E> type) {
        try {
            E event = record == null ? null : mapper.readValue(record, type);
            if (event == null) {
                throw new IllegalArgumentException("an empty " + type.getSimpleName() + " record");
            }
            return event;
        } catch (IOException e) {
            LOG.errorf("an unreadable %s record goes to the dead-letter topic: %s", type.getSimpleName(), e.getMessage());
            throw new UncheckedIOException(e);
        }
    }
}
