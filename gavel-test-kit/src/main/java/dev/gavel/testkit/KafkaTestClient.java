package dev.gavel.testkit;

import dev.gavel.events.GavelEvent;
import dev.gavel.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Test-side producer and reader for the real broker of {@link KafkaResource}. */
public final class KafkaTestClient {

    private KafkaTestClient() {
    }

    /** Sends one record as it is (no headers: for unreadable or forged records) and waits for the acknowledgement. */
    public static void send(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    private static void send(ProducerRecord<String, String> record) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + record.topic(), e);
        }
    }

    /**
     * Sends an event as its producer would: JSON of the {@code gavel-events} record, keyed by its aggregate id, with
     * the producer's CloudEvents headers.
     */
    public static void publish(GavelEvent event) {
        publish(event.key(), event);
    }

    /** {@link #publish(GavelEvent)} under another key (to order it after other records of that key). */
    public static void publish(String key, GavelEvent event) {
        send(record(event.topic(), key, TestEvents.json(event), Topics.sourceOf(event.topic()), event.cloudEventType(),
                event.eventId().toString()));
    }

    /**
     * {@link #publish(GavelEvent)} in a trace: with a W3C {@code traceparent} header of a new trace id, which it
     * returns (a producer's relay writes the request's trace there).
     */
    public static String publishTraced(GavelEvent event) {
        String traceId = java.util.HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(16)
                .putLong(UUID.randomUUID().getMostSignificantBits()).putLong(UUID.randomUUID().getLeastSignificantBits())
                .array());
        String spanId = traceId.substring(0, 16);
        ProducerRecord<String, String> record = record(event.topic(), event.key(), TestEvents.json(event),
                Topics.sourceOf(event.topic()), event.cloudEventType(), event.eventId().toString());
        record.headers().add("traceparent", ("00-" + traceId + "-" + spanId + "-01")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        send(record);
        return traceId;
    }

    /** Sends an event as someone who is not its producer would: {@code ceSource} as the source, or no headers. */
    public static void forge(GavelEvent event, String ceSource) {
        send(ceSource == null ? new ProducerRecord<>(event.topic(), event.key(), TestEvents.json(event))
                : record(event.topic(), event.key(), TestEvents.json(event), ceSource,
                        event.cloudEventType(), event.eventId().toString()));
    }

    private static ProducerRecord<String, String> record(String topic, String key, String value, String source,
            String type, String id) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add("ce_specversion", "1.0".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .add("ce_id", id.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .add("ce_source", source.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .add("ce_type", type.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return record;
    }

    /** Sends many records (in order, one key) and waits until the broker has acknowledged all of them. */
    public static void sendAll(String topic, String key, List<String> values) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(record(topic, key, value, Topics.sourceOf(topic), "dev.gavel." + topic,
                        java.util.UUID.randomUUID().toString()));
            }
            producer.flush();
        }
    }

    /**
     * Reads the topic from the beginning until {@code count} records match, or the timeout passes.
     *
     * @return the matching records in the order read (per partition: the order they were written)
     */
    public static List<ConsumerRecord<String, String>> await(String topic, Predicate<ConsumerRecord<String, String>> match,
            int count, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    /** Every record of the topic that matches, from its start to its end as it is now (nothing is waited for). */
    public static List<ConsumerRecord<String, String>> readToEnd(String topic,
            Predicate<ConsumerRecord<String, String>> match) {
        return readToEnd(KafkaResource.bootstrapServers(), topic, match);
    }

    /** {@link #readToEnd(String, Predicate)} on the broker at {@code bootstrapServers}. */
    public static List<ConsumerRecord<String, String>> readToEnd(String bootstrapServers, String topic,
            Predicate<ConsumerRecord<String, String>> match) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    /** The value of a header as text, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
