package dev.gavel.gateway.listener;

import dev.gavel.gateway.config.GatewayConfig;
import dev.gavel.gateway.service.RelayPositions;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Positions the live relay's consumers ({@code bid-placed}, {@code auction-closed}) when their partitions are
 * assigned: back by {@link GatewayConfig#relayLookback()} from now (by record timestamp), so that nothing committed
 * around a watcher's snapshot is missed. Until both are positioned the gateway is not ready and takes no watcher
 * ({@link RelayPositions}): a snapshot served before that could be followed by events the relay never reads.
 */
@ApplicationScoped
@Identifier(RelayPositioner.NAME)
public class RelayPositioner implements KafkaConsumerRebalanceListener {

    public static final String NAME = "live-relay-positions";
    private static final Logger LOG = Logger.getLogger(RelayPositioner.class);

    private final RelayPositions positions;
    private final Clock clock;
    private final GatewayConfig config;

    public RelayPositioner(RelayPositions positions, Clock clock, GatewayConfig config) {
        this.positions = positions;
        this.clock = clock;
        this.config = config;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        long from = clock.millis() - config.relayLookback().toMillis();
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(tp -> times.put(tp, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp offset = offsets.get(tp);
            if (offset != null) {
                consumer.seek(tp, offset.offset());
            } else {
                consumer.seekToEnd(java.util.List.of(tp)); // nothing that recent: from the end
            }
            consumer.position(tp); // resolve the position now, before watchers are taken
        }
        partitions.stream().map(TopicPartition::topic).distinct().forEach(topic -> {
            positions.positioned(topic);
            LOG.infof("live relay of %s positioned (%d partitions, from %s)", topic,
                    partitions.stream().filter(tp -> tp.topic().equals(topic)).count(), java.time.Instant.ofEpochMilli(from));
        });
    }
}
