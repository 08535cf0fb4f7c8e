package dev.gavel.outbox;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;

/**
 * Plain Kafka producers of this library, configured from the service's {@code kafka.*} settings (Quarkus'
 * {@code default-kafka-broker} map: the bootstrap servers and the security settings operators set, as the messaging
 * channels get them), with what each one needs on top.
 */
final class KafkaProducers {

    private KafkaProducers() {
    }

    /** A producer of string keys and values: the broker settings of {@code kafka}, then {@code own}. */
    static KafkaProducer<String, String> create(Map<String, Object> kafka, Map<String, Object> own) {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key) || key.startsWith("sasl.") || key.startsWith("ssl.")
                    || key.equals("security.protocol")) {
                config.put(key, value);
            }
        });
        config.putAll(own);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
