package dev.gavel.common.time;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UtcInstantsTest {

    static final ObjectMapper JACKSON = new ObjectMapper().registerModule(new JavaTimeModule());
    static final ObjectMapper FAST = fast();

    static ObjectMapper fast() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new UtcInstants().customize(mapper);
        return mapper;
    }

    /** As every Gavel service writes (Quarkus's default): instants as text. */
    static final ObjectMapper JACKSON_TEXT = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final ObjectMapper FAST_TEXT = fast().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    record Event(Instant placedAt, Instant endsAt) {
    }

    record Day(@JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "yyyy-MM-dd", timezone = "UTC") Instant day) {
    }

    @Test
    void theFastWriterIsWhatJacksonUsesForAnInstantAndItsProperties() throws Exception {
        assertInstanceOf(UtcInstants.UtcWriter.class,
                FAST_TEXT.getSerializerProviderInstance().findValueSerializer(Instant.class));
        BeanSerializerBase event = (BeanSerializerBase) FAST_TEXT.getSerializerProviderInstance()
                .findValueSerializer(Event.class);
        event.properties().forEachRemaining(property -> assertInstanceOf(UtcInstants.UtcWriter.class,
                ((BeanPropertyWriter) property).getSerializer(), property.getName()));
    }

    /** The text of every kind of fraction, the edges of the years it takes, and past them: as Jackson writes it. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-12-03T07:48:13Z", "2026-12-03T07:48:13.100Z", "2026-12-03T07:48:13.123456Z",
            "2026-12-03T07:48:13.123456789Z", "2026-12-03T07:48:13.000001Z", "2026-12-03T07:48:13.000000001Z",
            "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00.5Z",
            "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z",
            "0000-12-31T23:59:59Z", "-0001-01-01T00:00:00Z"})
    void writesWhatJacksonWrites(String iso) throws Exception {
        Instant instant = Instant.parse(iso);
        assertEquals(JACKSON_TEXT.writeValueAsString(instant), FAST_TEXT.writeValueAsString(instant));
        Event event = new Event(instant, instant);
        assertEquals(JACKSON_TEXT.writeValueAsString(event), FAST_TEXT.writeValueAsString(event));
        assertEquals(JACKSON.writeValueAsString(event), FAST.writeValueAsString(event), "as numbers, when asked");
        assertEquals(JACKSON_TEXT.writeValueAsString(new Day(instant)), FAST_TEXT.writeValueAsString(new Day(instant)),
                "a property with a format of its own");
    }

    @Test
    void theFastPathIsWhatJacksonUsesForAnInstant() throws Exception {
        JavaType type = FAST.constructType(Instant.class);
        DefaultDeserializationContext context = ((DefaultDeserializationContext) FAST.getDeserializationContext())
                .createInstance(FAST.getDeserializationConfig(), null, null);
        assertInstanceOf(UtcInstants.Utc.class, context.findRootValueDeserializer(type));
    }

    /** What Gavel writes, and every other shape a client might send: the same Instant as Jackson's own reading. */
    @ParameterizedTest
    @ValueSource(strings = {"\"2026-12-03T07:48:13Z\"", "\"2026-12-03T07:48:13.1Z\"", "\"2026-12-03T07:48:13.123Z\"",
            "\"2026-12-03T07:48:13.123456Z\"", "\"2026-12-03T07:48:13.123456789Z\"", "\"1970-01-01T00:00:00Z\"",
            "\"2024-02-29T23:59:59.999999Z\"", "\"2026-12-03T09:48:13.5+02:00\"", "\"2026-12-03T07:48:13.123z\"",
            "1796284093", "1796284093.123456", "\"+12026-12-03T07:48:13Z\"",
            "\"2016-12-31T23:59:60Z\"", "\"2026-12-03T24:00:00Z\"", "\"2026-12-03T07:48:13.Z\"",
            "\"0000-01-01T00:00:00Z\""})
    void readsWhatJacksonReads(String json) throws Exception {
        Instant expected = JACKSON.readValue(json, Instant.class);
        assertEquals(expected, FAST.readValue(json, Instant.class));
        String event = "{\"placedAt\":" + json + ",\"endsAt\":" + json + "}";
        assertEquals(JACKSON.readValue(event, Event.class), FAST.readValue(event, Event.class));
    }

    /** A value Jackson refuses is refused the same way (the API's 400 names the same field and reason). */
    @ParameterizedTest
    @ValueSource(strings = {"\"2026-13-03T07:48:13Z\"", "\"2026-02-30T07:48:13Z\"", "\"2026-12-03T25:48:13Z\"",
            "\"2026-12-03T07:48:13.1234567890Z\"", "\"2026-12-03 07:48:13Z\"", "\"not a time\"", "\"2026-12-03\"",
            "\"2026-12-03T07:48Z\"", "\"2026-12-03T07:48:13,123Z\"", "true", "{}"})
    void refusesWhatJacksonRefuses(String json) {
        Exception jackson = assertThrows(Exception.class, () -> JACKSON.readValue(json, Instant.class));
        Exception fast = assertThrows(Exception.class, () -> FAST.readValue(json, Instant.class));
        assertEquals(jackson.getClass(), fast.getClass());
        assertEquals(jackson.getMessage(), fast.getMessage());
    }

    @Test
    void nullIsNull() throws Exception {
        assertEquals(new Event(null, null), FAST.readValue("{\"placedAt\":null}", Event.class));
    }
}
