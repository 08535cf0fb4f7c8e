package dev.gavel.bidding.listener;

import dev.gavel.bidding.service.TermsService;
import dev.gavel.events.AuctionPublished;
import dev.gavel.events.Topics;
import dev.gavel.outbox.ProcessedEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Auction terms from the catalog, applied once per event id. */
@ApplicationScoped
public class CatalogEventsListener {

    static final String CONSUMER = "bidding-service";

    private final TermsService terms;
    private final ProcessedEvents processed;

    public CatalogEventsListener(TermsService terms, ProcessedEvents processed) {
        this.terms = terms;
        this.processed = processed;
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
