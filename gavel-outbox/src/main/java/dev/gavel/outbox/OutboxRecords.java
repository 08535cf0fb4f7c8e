package dev.gavel.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The Kafka record of an outbox event (CONTRACT: JSON value, the aggregate id as key, CloudEvents attributes as
 * {@code ce_*} headers in binary mode, written exactly as SmallRye's Kafka connector writes them), with a producer
 * span in the trace of the transaction that wrote the event: the span's context is the record's {@code traceparent}.
 */
final class OutboxRecords {

    static final String SPEC_VERSION = "1.0";
    static final String CONTENT_TYPE = "application/json";

    private final Tracer tracer;
    private final byte[] source;

    OutboxRecords(Tracer tracer, String source) {
        this.tracer = tracer;
        this.source = bytes(source);
    }

    ProducerRecord<String, String> of(OutboxEvent event) {
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
        headers.add("ce_specversion", bytes(SPEC_VERSION))
                .add("ce_id", bytes(event.eventId().toString()))
                .add("ce_type", bytes(event.type()))
                .add("ce_source", source);
        if (event.recordKey() != null) {
            headers.add("ce_subject", bytes(event.recordKey()));
        }
        headers.add("ce_datacontenttype", bytes(CONTENT_TYPE))
                .add("content-type", bytes(CONTENT_TYPE))
                .add("ce_time", bytes(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                        event.occurredAt().atZone(ZoneOffset.UTC))));
        return new ProducerRecord<>(event.topic(), null, event.recordKey(), event.payload(), headers);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
