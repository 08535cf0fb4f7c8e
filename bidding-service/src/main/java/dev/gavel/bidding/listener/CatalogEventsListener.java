package dev.gavel.bidding.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import dev.gavel.bidding.service.AuctionCloser;
import dev.gavel.bidding.service.TermsService;
import dev.gavel.events.AuctionCancelled;
import dev.gavel.events.AuctionPublished;
import dev.gavel.events.Topics;
import dev.gavel.outbox.EventInbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Auction terms and cancellations from the catalog, applied once per event id; unreadable records and records that
 * keep failing go to {@code bidding-service.<topic>.dlq} (see {@link EventInbox}).
 */
@ApplicationScoped
public class CatalogEventsListener {

    private final TermsService terms;
    private final AuctionCloser closer;
    private final EventInbox inbox;

    public CatalogEventsListener(TermsService terms, AuctionCloser closer, EventInbox inbox) {
        this.terms = terms;
        this.closer = closer;
        this.inbox = inbox;
    }

    @Incoming(Topics.AUCTION_CANCELLED)
    @Blocking
    public void onAuctionCancelled(ConsumerRecord<String, String> record) {
        inbox.receive(record, AuctionCancelled.class, closer::cancel);
    }

    @Incoming(Topics.AUCTION_PUBLISHED)
    @Blocking
    public void onAuctionPublished(ConsumerRecord<String, String> record) {
        inbox.receive(record, AuctionPublished.class, terms::receive);
    }
}
