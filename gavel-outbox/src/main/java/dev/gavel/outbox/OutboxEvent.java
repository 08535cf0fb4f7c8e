package dev.gavel.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code outbox_event}: an event committed with its state change and not yet acknowledged by Kafka. A plain
 * record, not an entity: the outbox is written and read only with JDBC, on the measured hot paths of the bidding
 * engine's group commit and of the relay (gavel-bench BiddingBenchmark). {@code id} is null until the row is stored;
 * {@code traceParent} is the W3C trace context of the transaction that wrote it, or null.
 */
public record OutboxEvent(Long id, UUID eventId, String topic, String recordKey, String type, String payload,
        Instant occurredAt, String traceParent) {
}
