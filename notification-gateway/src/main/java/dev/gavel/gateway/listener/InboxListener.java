package dev.gavel.gateway.listener;

import dev.gavel.events.AuctionClosed;
import dev.gavel.events.AuctionPublished;
import dev.gavel.events.BidPlaced;
import dev.gavel.events.UserContactChanged;
import dev.gavel.events.WatchlistChanged;
import dev.gavel.gateway.service.Inbox;
import dev.gavel.outbox.EventInbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    private final Inbox inbox;
    private final EventInbox events;

    public InboxListener(Inbox inbox, EventInbox events) {
        this.inbox = inbox;
        this.events = events;
    }

    @Incoming(BIDS)
    @Blocking
    public void onBidPlaced(ConsumerRecord<String, String> record) {
        events.receive(record, BidPlaced.class, inbox::bidPlaced);
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
}
