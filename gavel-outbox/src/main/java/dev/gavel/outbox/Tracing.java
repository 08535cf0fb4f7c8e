package dev.gavel.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * W3C trace context through the event flow: the {@code traceparent} of the transaction that wrote an event is kept
 * with its outbox row, travels as the Kafka record's {@code traceparent} header, and is the parent of the consumers'
 * spans, so one bid is one trace from the HTTP request to the WebSocket frames.
 */
public final class Tracing {

    public static final String HEADER = "traceparent";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private Tracing() {
    }

    /** The {@code traceparent} of the span current now, or null outside a (sampled, valid) trace. */
    public static String currentTraceParent() {
        return traceParent(Context.current());
    }

    static String traceParent(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(context, carrier, Map::put);
        return carrier.get(HEADER);
    }

    /** The context a {@code traceparent} names (the root context when there is none). */
    public static Context fromTraceParent(String traceParent) {
        return traceParent == null ? Context.root() : W3C.extract(Context.root(), Map.of(HEADER, traceParent), MAP);
    }

    /** The context of a consumed record's {@code traceparent} header. */
    public static Context fromRecord(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(HEADER);
        return fromTraceParent(header == null ? null : new String(header.value(), StandardCharsets.UTF_8));
    }

    /** Writes the context as the record's {@code traceparent} header. */
    static void inject(Context context, Headers headers) {
        String traceParent = traceParent(context);
        if (traceParent != null) {
            headers.remove(HEADER);
            headers.add(HEADER, traceParent.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A consumer span for a record, child of the producer's trace ({@link ConsumerSpans} decides when). */
    static Span consume(Tracer tracer, ConsumerRecord<?, ?> record, String name) {
        return tracer.spanBuilder(name)
                .setParent(fromRecord(record))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.kafka.destination.partition", (long) record.partition())
                .setAttribute("messaging.kafka.message.offset", record.offset())
                .startSpan();
    }

    /** An event with the trace it was decided in (captured when it is made, for writers that decide many at once). */
    public record Traced(dev.gavel.events.GavelEvent event, String traceParent) {

        /** The event with the trace current now. */
        public static Traced now(dev.gavel.events.GavelEvent event) {
            return new Traced(event, currentTraceParent());
        }

        public static List<dev.gavel.events.GavelEvent> events(List<Traced> traced) {
            return traced.stream().map(Traced::event).toList();
        }
    }
}
