package dev.gavel.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.UUID;

/**
 * What every Gavel event has: a unique {@code eventId} (also the CloudEvents {@code ce_id}; consumers deduplicate on
 * it), the id of the aggregate it is about (the Kafka key) and the instant it happened.
 */
public interface GavelEvent {

    UUID eventId();

    /** The Kafka record key: the aggregate's id, so one aggregate's events stay in order. */
    @JsonIgnore
    String key();

    /** When it happened; each record names this field after its meaning ({@code placedAt}, {@code closedAt}, ...). */
    @JsonIgnore
    Instant occurredAt();

    /** The topic the event is published to; also the suffix of its CloudEvents type. */
    @JsonIgnore
    String topic();

    /** The CloudEvents {@code ce_type}. */
    default String cloudEventType() {
        return "dev.gavel." + topic();
    }
}
