package dev.gavel.common.time;

import com.ethlo.time.ITU;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Reads an {@link Instant} written the way every Gavel service writes one, ISO-8601 in UTC
 * ({@code 2026-12-03T07:48:13.123456Z}), with ITU's RFC 3339 parser: about ten times faster than java.time's
 * formatter, which Jackson uses, and which was 12-14 % of a {@code bid-placed} consumer's CPU in a storm's profile
 * (docs/benchmarks.md, "Bidding: what a bid-placed costs its consumers"). Anything else (an offset, a number, a bad
 * value) goes to the deserializer Jackson would have used, unchanged, with its errors.
 * <p>
 * Writes one with ITU's formatter too, exactly as Jackson would ({@link Instant#toString}: the fraction in groups of
 * three digits, as many as it needs): java.time's formatter was 2 % of bidding-service's CPU in a hot bid storm, for
 * the instants of its answers and events. Instants written as numbers, a property with its own format, and years
 * outside 1 to 9999 are left to Jackson's serializer.
 */
@Singleton
public class UtcInstants implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("gavel-utc-instants").setDeserializerModifier(new Modifier())
                .setSerializerModifier(new WriterModifier()));
    }

    /** Whether {@code text} has the shape {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}. */
    static boolean isUtc(String text) {
        int length = text.length();
        return length >= 20 && length <= 30 && text.charAt(4) == '-' && text.charAt(7) == '-'
                && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':'
                && text.charAt(length - 1) == 'Z';
    }

    private static final class Modifier extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                JsonDeserializer<?> deserializer) {
            return description.getBeanClass() == Instant.class ? new Utc(deserializer) : deserializer;
        }
    }

    /** The fast path in front of Jackson's own deserializer (kept as the delegate, contextualised like it). */
    static final class Utc extends DelegatingDeserializer {

        Utc(JsonDeserializer<?> jackson) {
            super(jackson);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new Utc(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                String text = parser.getText();
                if (isUtc(text)) {
                    try {
                        return ITU.parseDateTime(text).toInstant();
                    } catch (DateTimeException notRfc3339) {
                        // Jackson's deserializer decides, and words the error
                    }
                }
            }
            return _delegatee.deserialize(parser, context);
        }
    }

    private static final class WriterModifier extends BeanSerializerModifier {
        @Override
        @SuppressWarnings("unchecked")
        public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description,
                JsonSerializer<?> serializer) {
            return description.getBeanClass() == Instant.class ? new UtcWriter((JsonSerializer<Object>) serializer)
                    : serializer;
        }
    }

    /** The first second of year 1 and the last of year 9999: the years ITU writes as java.time does. */
    private static final long FIRST = -62_135_596_800L;
    private static final long LAST = 253_402_300_799L;

    /** The fast path in front of Jackson's own serializer, which stays the delegate for everything else. */
    static final class UtcWriter extends StdSerializer<Instant> implements ContextualSerializer {

        private final JsonSerializer<Object> jackson;

        UtcWriter(JsonSerializer<Object> jackson) {
            super(Instant.class);
            this.jackson = jackson;
        }

        /** A property with no format of its own keeps the fast path (Jackson's serializer for it as the delegate). */
        @Override
        @SuppressWarnings("unchecked")
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
                throws JsonMappingException {
            JsonSerializer<?> contextual = jackson instanceof ContextualSerializer c
                    ? c.createContextual(provider, property) : jackson;
            JsonFormat.Value format = findFormatOverrides(provider, property, Instant.class);
            return format == null || JsonFormat.Value.empty().equals(format)
                    ? new UtcWriter((JsonSerializer<Object>) contextual) : contextual;
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            long second = value.getEpochSecond();
            if (second < FIRST || second > LAST || provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)) {
                jackson.serialize(value, generator, provider);
                return;
            }
            generator.writeString(ITU.formatUtc(value.atOffset(ZoneOffset.UTC), fractionDigits(value.getNano())));
        }

        @Override
        public void serializeWithType(Instant value, JsonGenerator generator, SerializerProvider provider,
                TypeSerializer types) throws IOException {
            jackson.serializeWithType(value, generator, provider, types);
        }

        @Override
        public void acceptJsonFormatVisitor(JsonFormatVisitorWrapper visitor, JavaType type) throws JsonMappingException {
            jackson.acceptJsonFormatVisitor(visitor, type); // what it describes is what this writes
        }

        /** As {@link Instant#toString}: no fraction, or milli-, micro- or nanoseconds, whichever is exact. */
        static int fractionDigits(int nano) {
            return nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        }
    }
}
