package dev.gavel.testkit;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * The spans a service under test finished, kept in memory (the most recent 20,000: a long test run does not grow
 * without bound), for tests that follow a request's trace. Quarkus exports to every {@link SpanExporter} bean.
 */
@Singleton
@Unremovable // looked up by the OpenTelemetry extension, never injected: ArC would drop it otherwise
public class TestSpans implements SpanExporter {

    private static final int KEPT = 20_000;
    private static final Deque<SpanData> SPANS = new ArrayDeque<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        synchronized (SPANS) {
            for (SpanData span : spans) {
                if (SPANS.size() == KEPT) {
                    SPANS.removeFirst();
                }
                SPANS.addLast(span);
            }
        }
        return CompletableResultCode.ofSuccess();
    }

    /** The finished spans of one trace. */
    public static List<SpanData> ofTrace(String traceId) {
        synchronized (SPANS) {
            return SPANS.stream().filter(s -> s.getTraceId().equals(traceId)).toList();
        }
    }

    /** How the spans kept look, for a failing test's message: name, kind, trace id, parent span id. */
    public static String describe() {
        synchronized (SPANS) {
            return SPANS.size() + " spans: " + SPANS.stream().skip(Math.max(0, SPANS.size() - 30))
                    .map(s -> s.getName() + "/" + s.getKind() + "/" + s.getTraceId() + "/" + s.getParentSpanId())
                    .toList();
        }
    }

    /** The finished spans with this name, oldest first. */
    public static List<SpanData> named(String name) {
        synchronized (SPANS) {
            return SPANS.stream().filter(s -> s.getName().equals(name)).toList();
        }
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
