package dev.gavel.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsumerSpansTest {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PRODUCER_SPAN = "00f067aa0ba902b7";
    static final SdkTracerProvider PROVIDER = SdkTracerProvider.builder().build();
    static final Tracer TRACER = PROVIDER.get("test");

    @AfterAll
    static void close() {
        PROVIDER.close();
    }

    static ConsumerRecord<String, String> record(String traceParent) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("bid-placed", 3, 42L, "key", "{}");
        if (traceParent != null) {
            record.headers().add(Tracing.HEADER, traceParent.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    @Test
    void tracingOnMakesARecordingConsumerSpanInTheProducersTrace() {
        Span span = new ConsumerSpans(TRACER, false).start(record("00-" + TRACE + "-" + PRODUCER_SPAN + "-01"), "x");
        SpanContext context = span.getSpanContext();
        assertTrue(span.isRecording());
        assertEquals(TRACE, context.getTraceId());
        assertNotEquals(PRODUCER_SPAN, context.getSpanId(), "a span of its own");
        span.end();
    }

    @Test
    void tracingOffMakesNoSpanButKeepsTheProducersTraceCurrent() {
        Span span = new ConsumerSpans(TRACER, true).start(record("00-" + TRACE + "-" + PRODUCER_SPAN + "-01"), "x");
        assertFalse(span.isRecording());
        assertEquals(TRACE, span.getSpanContext().getTraceId());
        assertEquals(PRODUCER_SPAN, span.getSpanContext().getSpanId());
        try (var ignored = span.makeCurrent()) {
            assertEquals("00-" + TRACE + "-" + PRODUCER_SPAN + "-01", Tracing.currentTraceParent(),
                    "what the handler writes to the outbox names the producer's trace");
        }
    }

    @Test
    void tracingOffWithoutATraceParentIsNoTrace() {
        Span span = new ConsumerSpans(TRACER, true).start(record(null), "x");
        assertFalse(span.getSpanContext().isValid());
        try (var ignored = span.makeCurrent()) {
            assertEquals(null, Tracing.currentTraceParent());
        }
    }
}
