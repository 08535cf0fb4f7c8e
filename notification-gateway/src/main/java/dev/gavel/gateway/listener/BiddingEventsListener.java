package dev.gavel.gateway.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import dev.gavel.events.AuctionClosed;
import dev.gavel.events.BidPlaced;
import dev.gavel.events.Topics;
import dev.gavel.gateway.service.AuctionFeeds;
import dev.gavel.gateway.service.Frames;
import dev.gavel.gateway.service.GatewayMetrics;
import dev.gavel.gateway.service.LiveNotifications;
import dev.gavel.outbox.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Relays the bidding engine's events: to the auction's watchers (ordered and deduplicated by sequence) and as personal
 * notifications derived from {@code previousLeaderId}, {@code winnerId} and {@code sellerId} (deduplicated by
 * event id, so a redelivered event does not notify twice).
 */
@ApplicationScoped
public class BiddingEventsListener {

    private static final int REMEMBERED_EVENTS = 20_000;

    private final AuctionFeeds feeds;
    private final LiveNotifications live;
    private final GatewayMetrics metrics;
    private final Set<UUID> recent = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<UUID, Boolean>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                    return size() > REMEMBERED_EVENTS;
                }
            }));

    private final Tracer tracer;

    public BiddingEventsListener(AuctionFeeds feeds, LiveNotifications live, GatewayMetrics metrics, Tracer tracer) {
        this.tracer = tracer;
        this.feeds = feeds;
        this.live = live;
        this.metrics = metrics;
    }

    @Incoming(Topics.BID_PLACED)
    public void onBidPlaced(ConsumerRecord<String, BidPlaced> record) {
        if (!Provenance.fromProducer(record)) {
            return;
        }
        BidPlaced event = record.value();
        relay(record, () -> {
            feeds.publish(event.auctionId(), event.sequence(), Frames.BidPlacedFrame.of(event));
            metrics.eventRelayed(event.placedAt());
            if (recent.add(event.eventId())) {
                live.of(event);
            }
        });
    }

    @Incoming(Topics.AUCTION_CLOSED)
    public void onAuctionClosed(ConsumerRecord<String, AuctionClosed> record) {
        if (!Provenance.fromProducer(record)) {
            return;
        }
        AuctionClosed event = record.value();
        relay(record, () -> {
            feeds.publish(event.auctionId(), event.sequence(), Frames.AuctionClosedFrame.of(event));
            metrics.eventRelayed(event.closedAt());
            if (recent.add(event.eventId())) {
                live.of(event);
            }
        });
    }

    /** The fan-out of one event to its WebSocket frames, as a span in the trace of the request that caused it. */
    private void relay(ConsumerRecord<?, ?> record, Runnable fanOut) {
        Span span = Tracing.consume(tracer, record, record.topic() + " relay");
        try (Scope ignored = span.makeCurrent()) {
            fanOut.run();
        } finally {
            span.end();
        }
    }
}
