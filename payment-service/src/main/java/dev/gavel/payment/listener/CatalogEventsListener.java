package dev.gavel.payment.listener;

import dev.gavel.events.AuctionClosed;
import dev.gavel.events.AuctionPublished;
import dev.gavel.events.Topics;
import dev.gavel.events.UserAddressChanged;
import dev.gavel.outbox.EventInbox;
import dev.gavel.payment.service.CatalogKnowledge;
import dev.gavel.payment.service.OrderOpening;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What payment-service learns from the platform: auction terms, closes (orders, deposits) and shipping addresses.
 * Unreadable records and records that keep failing go to {@code payment-service.<topic>.dlq} (see {@link EventInbox}).
 */
@ApplicationScoped
public class CatalogEventsListener {

    private final CatalogKnowledge knowledge;
    private final OrderOpening orders;
    private final EventInbox inbox;

    public CatalogEventsListener(CatalogKnowledge knowledge, OrderOpening orders, EventInbox inbox) {
        this.knowledge = knowledge;
        this.orders = orders;
        this.inbox = inbox;
    }

    @Incoming(Topics.AUCTION_PUBLISHED)
    @Blocking
    public void onAuctionPublished(ConsumerRecord<String, String> record) {
        inbox.receive(record, AuctionPublished.class, knowledge::apply);
    }

    @Incoming(Topics.AUCTION_CLOSED)
    @Blocking
    public void onAuctionClosed(ConsumerRecord<String, String> record) {
        inbox.receive(record, AuctionClosed.class, orders::closed);
    }

    @Incoming(Topics.USER_ADDRESS_CHANGED)
    @Blocking
    public void onAddressChanged(ConsumerRecord<String, String> record) {
        inbox.receive(record, UserAddressChanged.class, knowledge::apply);
    }
}
