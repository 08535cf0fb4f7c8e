package dev.gavel.bidding.listener;

import dev.gavel.bidding.service.BidService;
import dev.gavel.bidding.service.TermsService;
import dev.gavel.events.AuctionCancelled;
import dev.gavel.events.AuctionPublished;
import dev.gavel.events.Topics;
import dev.gavel.outbox.ProcessedEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Auction terms and cancellations from the catalog, applied once per event id. */
@ApplicationScoped
public class CatalogEventsListener {

    static final String CONSUMER = "bidding-service";

    private final TermsService terms;
    private final BidService engine;
    private final ProcessedEvents processed;

    public CatalogEventsListener(TermsService terms, BidService engine, ProcessedEvents processed) {
        this.terms = terms;
        this.engine = engine;
        this.processed = processed;
    }

    @Incoming(Topics.AUCTION_CANCELLED)
    @Blocking
    @Transactional
    public void onAuctionCancelled(AuctionCancelled event) {
        if (processed.firstTime(event.eventId(), CONSUMER)) {
            engine.cancel(event.auctionId(), event.cancelledAt());
        }
    }

    @Incoming(Topics.AUCTION_PUBLISHED)
    @Blocking
    @Transactional
    public void onAuctionPublished(AuctionPublished event) {
        if (processed.firstTime(event.eventId(), CONSUMER)) {
            terms.apply(event);
        }
    }
}
