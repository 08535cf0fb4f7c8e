package dev.gavel.gateway.listener;

import dev.gavel.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/**
 * Only the topic's producer writes it (CONTRACT §7b): a record whose {@code ce_source} is not the producer is not
 * acted on (a relay never stops for one bad record: it is logged and skipped).
 */
final class Provenance {

    private static final Logger LOG = Logger.getLogger(Provenance.class);

    private Provenance() {
    }

    static boolean fromProducer(ConsumerRecord<String, ?> record) {
        Header source = record.headers().lastHeader("ce_source");
        String expected = Topics.sourceOf(record.topic());
        if (source != null && expected.equals(new String(source.value(), StandardCharsets.UTF_8))) {
            return true;
        }
        LOG.errorf("a %s record not from %s is not relayed", record.topic(), expected);
        return false;
    }
}
