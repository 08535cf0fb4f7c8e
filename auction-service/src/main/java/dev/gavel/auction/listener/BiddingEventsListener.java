package dev.gavel.auction.listener;

import dev.gavel.auction.service.AuctionService;
import dev.gavel.events.AuctionClosed;
import dev.gavel.events.BidPlaced;
import dev.gavel.events.Topics;
import dev.gavel.outbox.ProcessedEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the catalog in step with the bidding engine. Each event is applied at most once (its id is recorded in the
 * same transaction) and never backwards (sequence check in the service).
 */
@ApplicationScoped
public class BiddingEventsListener {

    static final String CONSUMER = "auction-service";

    private final AuctionService auctions;
    private final ProcessedEvents processed;

    public BiddingEventsListener(AuctionService auctions, ProcessedEvents processed) {
        this.auctions = auctions;
        this.processed = processed;
    }

    @Incoming(Topics.BID_PLACED)
    @Blocking
    @Transactional
    public void onBidPlaced(BidPlaced event) {
        if (processed.firstTime(event.eventId(), CONSUMER)) {
            auctions.apply(event);
        }
    }

    @Incoming(Topics.AUCTION_CLOSED)
    @Blocking
    @Transactional
    public void onAuctionClosed(AuctionClosed event) {
        if (processed.firstTime(event.eventId(), CONSUMER)) {
            auctions.apply(event);
        }
    }
}
