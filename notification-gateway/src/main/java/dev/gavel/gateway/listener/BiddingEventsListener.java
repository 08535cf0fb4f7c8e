package dev.gavel.gateway.listener;

import dev.gavel.events.AuctionClosed;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.BidPlaced;
import dev.gavel.events.Topics;
import dev.gavel.gateway.service.AuctionFeeds;
import dev.gavel.gateway.service.GatewayMetrics;
import dev.gavel.gateway.service.LiveNotifications;
import dev.gavel.outbox.ConsumerSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Relays the bidding engine's events, a Kafka poll at a time: to the auction's watchers (ordered and deduplicated by
 * sequence, see {@link AuctionFeeds#relay}) and as personal notifications derived from {@code previousLeaderId},
 * {@code winnerId} and {@code sellerId} (deduplicated by event id, so a redelivered event does not notify twice).
 */
@ApplicationScoped
public class BiddingEventsListener {

    private static final int REMEMBERED_EVENTS = 20_000;

    private final AuctionFeeds feeds;
    private final LiveNotifications live;
    private final GatewayMetrics metrics;
    private final ConsumerSpans consumerSpans;
    private final Set<UUID> recent = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<UUID, Boolean>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                    return size() > REMEMBERED_EVENTS;
                }
            }));

    public BiddingEventsListener(AuctionFeeds feeds, LiveNotifications live, GatewayMetrics metrics,
            ConsumerSpans consumerSpans) {
        this.feeds = feeds;
        this.live = live;
        this.metrics = metrics;
        this.consumerSpans = consumerSpans;
    }

    @Incoming(Topics.BID_PLACED)
    @Blocking // one worker hop per poll, in order: on an event loop, a poll waited behind that loop's fan-out task
    public void onBidPlaced(ConsumerRecords<String, BidPlaced> records) {
        relay(records, live::of);
    }

    @Incoming(Topics.AUCTION_CLOSED)
    @Blocking
    public void onAuctionClosed(ConsumerRecords<String, AuctionClosed> records) {
        relay(records, live::of);
    }

    /**
     * The fan-out of one poll's events, each a span in the trace of the request that caused it, then their personal
     * notifications.
     */
    private <E extends AuctionEvent> void relay(ConsumerRecords<String, E> records, Consumer<E> notify) {
        List<E> events = new ArrayList<>(records.count());
        List<Span> spans = new ArrayList<>(records.count());
        for (ConsumerRecord<String, E> record : records) {
            if (record.value() != null && Provenance.fromProducer(record)) {
                events.add(record.value());
                spans.add(consumerSpans.start(record, record.topic() + " relay"));
            }
        }
        try {
            feeds.relay(events);
            for (int i = 0; i < events.size(); i++) {
                E event = events.get(i);
                metrics.eventRelayed(event.occurredAt());
                if (recent.add(event.eventId())) {
                    try (Scope ignored = spans.get(i).makeCurrent()) {
                        notify.accept(event);
                    }
                }
            }
        } finally {
            spans.forEach(Span::end);
        }
    }
}
