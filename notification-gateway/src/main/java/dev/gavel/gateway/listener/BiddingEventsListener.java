package dev.gavel.gateway.listener;

import dev.gavel.events.AuctionClosed;
import dev.gavel.events.BidPlaced;
import dev.gavel.events.Topics;
import dev.gavel.gateway.service.AuctionFeeds;
import dev.gavel.gateway.service.Frames;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Relays the bidding engine's events to the auction's watchers. */
@ApplicationScoped
public class BiddingEventsListener {

    private final AuctionFeeds feeds;

    public BiddingEventsListener(AuctionFeeds feeds) {
        this.feeds = feeds;
    }

    @Incoming(Topics.BID_PLACED)
    public void onBidPlaced(BidPlaced event) {
        feeds.publish(event.auctionId(), event.sequence(), Frames.BidPlacedFrame.of(event));
    }

    @Incoming(Topics.AUCTION_CLOSED)
    public void onAuctionClosed(AuctionClosed event) {
        feeds.publish(event.auctionId(), event.sequence(), Frames.AuctionClosedFrame.of(event));
    }
}
