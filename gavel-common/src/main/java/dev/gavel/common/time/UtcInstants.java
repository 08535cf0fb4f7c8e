package dev.gavel.common.time;

import com.ethlo.time.ITU;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Reads an {@link Instant} written the way every Gavel service writes one, ISO-8601 in UTC
 * ({@code 2026-12-03T07:48:13.123456Z}), with ITU's RFC 3339 parser: about ten times faster than java.time's
 * formatter, which Jackson uses, and which was 12-14 % of a {@code bid-placed} consumer's CPU in a storm's profile
 * (docs/benchmarks.md, "Bidding: what a bid-placed costs its consumers"). Anything else (an offset, a number, a bad
 * value) goes to the deserializer Jackson would have used, unchanged, with its errors.
 */
@Singleton
public class UtcInstants implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("gavel-utc-instants").setDeserializerModifier(new Modifier()));
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
}
