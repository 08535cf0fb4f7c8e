package dev.gavel.launcher;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code ./run replay <consumer>.<topic>.dlq}: after the fix that makes them applicable, puts the records of a
 * dead-letter topic back on the topic they came from (named by their {@code dead-letter-topic} header), with their
 * key, value and headers (less the {@code dead-letter-*} ones). Every consumer deduplicates on {@code eventId}, so the
 * consumers that had applied a record skip it and the one that dead-lettered it applies it. Progress is kept in the
 * consumer group {@code gavel-dead-letter-replay}: a record is replayed once, however often the tool runs.
 */
public final class DeadLetterReplay {

    static final String GROUP = "gavel-dead-letter-replay";
    private static final String ORIGIN = "dead-letter-topic";

    private DeadLetterReplay() {
    }

    /**
     * Replays what the dead-letter topic holds now; returns how many records went back.
     *
     * @param client Kafka client settings (bootstrap servers, and security settings on a secured cluster)
     */
    public static int replay(Properties client, String deadLetterTopic, PrintStream out) {
        if (!deadLetterTopic.endsWith(".dlq")) {
            throw new IllegalArgumentException("not a dead-letter topic (<consumer>.<topic>.dlq): " + deadLetterTopic);
        }
        Properties consumerProps = new Properties();
        consumerProps.putAll(client);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Properties producerProps = new Properties();
        producerProps.putAll(client);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        int replayed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header origin = record.headers().lastHeader(ORIGIN);
                    if (origin == null) {
                        out.println("skipped " + record.topic() + "-" + record.partition() + "@" + record.offset()
                                + ": no " + ORIGIN + " header");
                    } else {
                        ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(
                                new String(origin.value(), StandardCharsets.UTF_8), record.key(), record.value());
                        record.headers().forEach(h -> {
                            if (!h.key().startsWith("dead-letter-")) {
                                again.headers().add(h);
                            }
                        });
                        producer.send(again).get();
                        replayed++;
                    }
                    done.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
                consumer.commitSync(done);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying " + deadLetterTopic, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a record of " + deadLetterTopic + " could not be sent back: "
                    + e.getCause().getMessage(), e.getCause());
        }
        out.println("replayed " + replayed + " record(s) of " + deadLetterTopic);
        return replayed;
    }
}
