package dev.gavel.embedded;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedInfrastructureTest {

    @TempDir
    Path home;

    @Test
    void postgresKeepsDataAcrossRestarts() throws Exception {
        Path data = home.resolve("postgres");
        try (PostgresServer pg = PostgresServer.start(data, 0)) {
            pg.createDatabaseIfMissing("user_service");
            pg.createDatabaseIfMissing("user_service"); // idempotent
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("user_service"), PostgresServer.USER, PostgresServer.PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (v text)");
                s.execute("INSERT INTO t VALUES ('kept')");
            }
        }
        try (PostgresServer pg = PostgresServer.start(data, 0);
             Connection c = DriverManager.getConnection(pg.jdbcUrl("user_service"), PostgresServer.USER, PostgresServer.PASSWORD);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT v FROM t")) {
            assertTrue(rs.next());
            assertEquals("kept", rs.getString(1));
        }
    }

    @Test
    void kafkaDeliversAndKeepsRecordsAcrossRestarts() {
        Path log = home.resolve("kafka");
        int port = Ports.freePort();
        int controller = Ports.freePort();
        try (KafkaBroker broker = KafkaBroker.start(log, port, controller)) {
            broker.createTopics(List.of("probe"), 3);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>("probe", "auction-1", "v" + i));
                }
                producer.flush();
            }
        }
        try (KafkaBroker broker = KafkaBroker.start(log, port, controller)) {
            assertEquals(List.of("v0", "v1", "v2", "v3", "v4"), readAll(broker, "probe", 5));
        }
    }

    @Test
    void jwtKeysAreGeneratedOnceAndReused() throws Exception {
        JwtKeys first = JwtKeys.ensure(home.resolve("keys"));
        String privatePem = Files.readString(first.privateKey());
        assertTrue(privatePem.startsWith("-----BEGIN PRIVATE KEY-----"));
        assertTrue(Files.readString(first.publicKey()).startsWith("-----BEGIN PUBLIC KEY-----"));
        JwtKeys second = JwtKeys.ensure(home.resolve("keys"));
        assertEquals(privatePem, Files.readString(second.privateKey()));
        assertNotEquals(privatePem, Files.readString(JwtKeys.ensure(home.resolve("other")).privateKey()));
    }

    private static List<String> readAll(KafkaBroker broker, String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-reader");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (values.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
