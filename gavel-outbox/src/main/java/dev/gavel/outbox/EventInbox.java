package dev.gavel.outbox;

import dev.gavel.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * The receiving end of an event channel. Records arrive as text and are read here, so that an unreadable one reaches
 * the listener at all; applying is retried a few times (the database may be restarting). A record that cannot be
 * read, or still cannot be applied, makes the listener throw: with the channel's {@code dead-letter-queue} failure
 * strategy it goes, as it came, to the dead-letter topic, and the channel keeps going for every later event.
 * Deduplication stays with the caller's transaction ({@link ProcessedEvents}).
 */
@ApplicationScoped
public class EventInbox {

    private static final Logger LOG = Logger.getLogger(EventInbox.class);
    static final int ATTEMPTS = 3;

    private final ObjectMapper mapper;

    public EventInbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Checks that the record comes from the topic's producer ({@code ce_source}, {@code ce_type}), reads it as
     * {@code type} and applies it (each attempt in its own transaction, opened by {@code apply}). A record that does
     * not say it comes from the producer goes to the dead-letter topic unapplied.
     */
    public <E> void receive(ConsumerRecord<String, String> record, Class<E> type, Consumer<E> apply) {
        checkProvenance(record);
        E event = read(record.value(), type);
        for (int attempt = 1; ; attempt++) {
            try {
                apply.accept(event);
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    LOG.errorf(e, "giving up on %s after %d attempts: it goes to the dead-letter topic", event, attempt);
                    throw e;
                }
                LOG.warnf("applying %s failed (attempt %d), retrying: %s", event, attempt, e.toString());
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
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
