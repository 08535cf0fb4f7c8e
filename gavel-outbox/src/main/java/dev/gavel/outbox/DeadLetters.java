package dev.gavel.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Dead-letters one record of a batch, as the connector's {@code dead-letter-queue} strategy does for a single record:
 * to {@code <service>.<topic>.dlq}, as it came, with the same {@code dead-letter-*} headers. A channel consumed in
 * batches needs it: when the listener of a batch throws, the connector would dead-letter the whole batch, good records
 * included. The send is synchronous: the batch is acknowledged only once its poison records are kept.
 */
@ApplicationScoped
public class DeadLetters {

    private final Map<String, Object> kafka;
    private final String service;
    private KafkaProducer<String, String> producer;

    @Inject
    public DeadLetters(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.kafka = kafka;
        this.service = service;
    }

    public void send(ConsumerRecord<String, String> record, Throwable reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("dead-letter-reason", bytes(String.valueOf(reason.getMessage())));
        if (reason.getCause() != null) {
            headers.add("dead-letter-cause", bytes(String.valueOf(reason.getCause().getMessage())));
        }
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(String.valueOf(record.partition())));
        headers.add("dead-letter-offset", bytes(String.valueOf(record.offset())));
        try {
            producer().send(new ProducerRecord<>(service + "." + record.topic() + ".dlq", null, record.key(),
                    record.value(), headers)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering a record", e);
        } catch (ExecutionException | TimeoutException e) {
            // the broker is away: a dependency failure, the batch is not acknowledged and comes again
            throw new org.apache.kafka.common.KafkaException("a record could not be dead-lettered", e);
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = KafkaProducers.create(kafka, Map.of(ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.CLIENT_ID_CONFIG, service + "-dead-letters"));
        }
        return producer;
    }

    void close(@Observes ShutdownEvent shutdown) {
        synchronized (this) {
            if (producer != null) {
                producer.close();
            }
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
