package dev.gavel.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The span a consumed record is handled in: a consumer span, child of the trace that produced the record, when
 * tracing is on; when it is off ({@code quarkus.otel.sdk.disabled}, the default outside tests), only the producer's
 * trace context, so that what the handler writes (an outbox row's {@code traceparent}) still names that trace.
 * Quarkus's tracer builds and drops a real span per record even with the SDK off: 5-8 % of the consumers' CPU per
 * {@code bid-placed} in a storm's profile (docs/benchmarks.md, "Bidding: what a bid-placed costs its consumers").
 */
@ApplicationScoped
public class ConsumerSpans {

    private final Tracer tracer;
    private final boolean off;

    public ConsumerSpans(Tracer tracer,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean off) {
        this.tracer = tracer;
        this.off = off;
    }

    /** The span to make current while {@code record} is handled, and to end after. */
    public Span start(ConsumerRecord<?, ?> record, String name) {
        if (off) {
            return Span.wrap(Span.fromContext(Tracing.fromRecord(record)).getSpanContext());
        }
        return Tracing.consume(tracer, record, name);
    }
}
