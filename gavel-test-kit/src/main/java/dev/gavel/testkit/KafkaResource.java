package dev.gavel.testkit;

import dev.gavel.embedded.KafkaBroker;
import dev.gavel.events.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** A real single-node KRaft Kafka broker with Gavel's topics, for tests about delivery. */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private static volatile String bootstrapServers;
    private KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.start(null, 0, 0);
        broker.createTopics(Topics.ALL, 3);
        bootstrapServers = broker.bootstrapServers();
        return Map.of("kafka.bootstrap.servers", bootstrapServers);
    }

    /** Where the running test broker listens (for test-side producers and consumers). */
    public static String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
