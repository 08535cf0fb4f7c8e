package dev.gavel.gateway.listener;

import dev.gavel.events.AuctionClosed;
import dev.gavel.events.AuctionPublished;
import dev.gavel.events.BidPlaced;
import dev.gavel.events.OrderChanged;
import dev.gavel.gateway.service.LiveNotifications;
import dev.gavel.events.UserContactChanged;
import dev.gavel.events.WatchlistChanged;
import dev.gavel.gateway.service.Inbox;
import dev.gavel.outbox.EventInbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The inbox's consumers: one consumer group shared by all replicas, so each event is stored and mailed once (the live
 * relay, {@link BiddingEventsListener}, is the other style: every replica reads every event). Records that cannot be
 * read or applied go to {@code notification-gateway.<topic>.dlq} (see {@link EventInbox}).
 */
@ApplicationScoped
public class InboxListener {

    public static final String BIDS = "inbox-bid-placed";
    public static final String CLOSINGS = "inbox-auction-closed";
    public static final String AUCTIONS = "inbox-auction-published";
    public static final String CONTACTS = "inbox-user-contact-changed";
    public static final String WATCHLISTS = "inbox-watchlist-changed";
    public static final String ORDERS_CREATED = "inbox-order-created";
    public static final String ORDERS_PAID = "inbox-order-paid";
    public static final String ORDERS_SHIPPED = "inbox-order-shipped";
    public static final String ORDERS_CANCELLED = "inbox-order-cancelled";

    private final Inbox inbox;
    private final EventInbox events;
    private final LiveNotifications live;

    public InboxListener(Inbox inbox, EventInbox events, LiveNotifications live) {
        this.inbox = inbox;
        this.live = live;
        this.events = events;
    }

    /** A poll at a time, in one transaction (one per event fell behind a storm: 1,270 records at 100 bids/s). */
    @Incoming(BIDS)
    @Blocking
    public void onBidPlaced(ConsumerRecords<String, String> records) {
        events.receiveAll(records, BidPlaced.class, inbox::bidsPlaced, inbox::bidPlaced);
    }

    @Incoming(CLOSINGS)
    @Blocking
    public void onAuctionClosed(ConsumerRecord<String, String> record) {
        events.receive(record, AuctionClosed.class, inbox::auctionClosed);
    }

    @Incoming(AUCTIONS)
    @Blocking
    public void onAuctionPublished(ConsumerRecord<String, String> record) {
        events.receive(record, AuctionPublished.class, inbox::auctionPublished);
    }

    @Incoming(WATCHLISTS)
    @Blocking
    public void onWatchlistChanged(ConsumerRecord<String, String> record) {
        events.receive(record, WatchlistChanged.class, inbox::watchlistChanged);
    }

    @Incoming(CONTACTS)
    @Blocking
    public void onContactChanged(ConsumerRecord<String, String> record) {
        events.receive(record, UserContactChanged.class, e -> inbox.contactChanged(e.userId(), e.email(),
                e.emailVerified(), e.displayName(), e.at()));
    }

    /**
     * Order notifications (payment-service) are stored once, then pushed to the recipients' feeds on this replica
     * (the replica that consumed the event, as with ending-soon reminders: the others find them in the inbox).
     */
    @Incoming(ORDERS_CREATED)
    @Blocking
    public void onOrderCreated(ConsumerRecord<String, String> record) {
        order(record);
    }

    @Incoming(ORDERS_PAID)
    @Blocking
    public void onOrderPaid(ConsumerRecord<String, String> record) {
        order(record);
    }

    @Incoming(ORDERS_SHIPPED)
    @Blocking
    public void onOrderShipped(ConsumerRecord<String, String> record) {
        order(record);
    }

    @Incoming(ORDERS_CANCELLED)
    @Blocking
    public void onOrderCancelled(ConsumerRecord<String, String> record) {
        order(record);
    }

    private void order(ConsumerRecord<String, String> record) {
        events.receive(record, OrderChanged.class, e -> inbox.orderChanged(e).forEach(live::push));
    }
}
