package dev.gavel.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What every Gavel event has: a unique {@code eventId} (also the CloudEvents {@code ce_id}; consumers deduplicate on
 * it), the {@code auctionId} it is about (the Kafka key) and the instant it happened.
 */
public interface AuctionEvent {

    UUID eventId();

    UUID auctionId();

    /** When it happened; each record names this field after its meaning ({@code placedAt}, {@code closedAt}, ...). */
    Instant occurredAt();

    /** The topic the event is published to; also the suffix of its CloudEvents type. */
    String topic();

    /** The CloudEvents {@code ce_type}. */
    default String cloudEventType() {
        return "dev.gavel." + topic();
    }
}
