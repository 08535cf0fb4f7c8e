package dev.gavel.gateway.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import dev.gavel.events.AuctionClosed;
import dev.gavel.events.BidPlaced;
import dev.gavel.events.Topics;
import dev.gavel.gateway.service.AuctionFeeds;
import dev.gavel.gateway.service.Frames;
import dev.gavel.gateway.service.GatewayMetrics;
import dev.gavel.gateway.service.LiveNotifications;
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

    public BiddingEventsListener(AuctionFeeds feeds, LiveNotifications live, GatewayMetrics metrics) {
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
        feeds.publish(event.auctionId(), event.sequence(), Frames.BidPlacedFrame.of(event));
        metrics.eventRelayed(event.placedAt());
        if (recent.add(event.eventId())) {
            live.of(event);
        }
    }

    @Incoming(Topics.AUCTION_CLOSED)
    public void onAuctionClosed(ConsumerRecord<String, AuctionClosed> record) {
        if (!Provenance.fromProducer(record)) {
            return;
        }
        AuctionClosed event = record.value();
        feeds.publish(event.auctionId(), event.sequence(), Frames.AuctionClosedFrame.of(event));
        metrics.eventRelayed(event.closedAt());
        if (recent.add(event.eventId())) {
            live.of(event);
        }
    }
}
