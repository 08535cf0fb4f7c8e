package dev.gavel.launcher;

import dev.gavel.embedded.KafkaBroker;
import dev.gavel.embedded.Ports;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The dead-letter replay against a real broker: records go back to their topic, once, without the DLQ headers. */
class DeadLetterReplayTest {

    @TempDir
    static Path dir;
    static KafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start(dir.resolve("kafka"), Ports.freePort(), Ports.freePort());
        broker.createTopics(List.of("bid-placed", "auction-service.bid-placed.dlq"), 1);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void recordsGoBackToTheirTopicOnceWithTheirHeadersButNotTheDeadLetterOnes() {
        Properties client = new Properties();
        client.put("bootstrap.servers", broker.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (String value : List.of("{\"eventId\":\"1\"}", "{\"eventId\":\"2\"}")) {
                ProducerRecord<String, String> dead = new ProducerRecord<>("auction-service.bid-placed.dlq", "auction-1", value);
                dead.headers().add("ce_source", "/gavel/bidding-service".getBytes(StandardCharsets.UTF_8));
                dead.headers().add("dead-letter-topic", "bid-placed".getBytes(StandardCharsets.UTF_8));
                dead.headers().add("dead-letter-reason", "database down".getBytes(StandardCharsets.UTF_8));
                producer.send(dead);
            }
        }
        PrintStream out = new PrintStream(new ByteArrayOutputStream());
        assertEquals(2, DeadLetterReplay.replay(client, "auction-service.bid-placed.dlq", out));
        assertEquals(0, DeadLetterReplay.replay(client, "auction-service.bid-placed.dlq", out), "each record once");

        List<ConsumerRecord<String, String>> back = readAll("bid-placed");
        assertEquals(List.of("{\"eventId\":\"1\"}", "{\"eventId\":\"2\"}"), back.stream().map(ConsumerRecord::value).toList());
        for (ConsumerRecord<String, String> record : back) {
            assertEquals("auction-1", record.key());
            assertEquals("/gavel/bidding-service", new String(record.headers().lastHeader("ce_source").value(), StandardCharsets.UTF_8));
            assertNull(record.headers().lastHeader("dead-letter-reason"));
            assertNull(record.headers().lastHeader("dead-letter-topic"));
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        Map<String, Object> props = Map.of("bootstrap.servers", broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
