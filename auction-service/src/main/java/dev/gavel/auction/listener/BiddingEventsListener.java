package dev.gavel.auction.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import dev.gavel.auction.service.BiddingEventsApplier;
import dev.gavel.events.AuctionClosed;
import dev.gavel.events.BidPlaced;
import dev.gavel.events.Topics;
import dev.gavel.outbox.EventInbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the catalog in step with the bidding engine. Each event is applied at most once (its id is recorded in the
 * same transaction) and never backwards (sequence check in the service); unreadable records and records that keep
 * failing go to {@code auction-service.<topic>.dlq} (see {@link EventInbox}). {@code bid-placed} comes in batches.
 */
@ApplicationScoped
public class BiddingEventsListener {

    private final BiddingEventsApplier auctions;
    private final EventInbox inbox;

    public BiddingEventsListener(BiddingEventsApplier auctions, EventInbox inbox) {
        this.auctions = auctions;
        this.inbox = inbox;
    }

    /** A poll at a time: one transaction, one update per auction (a storm of bids must not outrun the catalog). */
    @Incoming(Topics.BID_PLACED)
    @Blocking
    public void onBidPlaced(ConsumerRecords<String, String> records) {
        inbox.receiveAll(records, BidPlaced.class, auctions::follow, auctions::follow);
    }

    @Incoming(Topics.AUCTION_CLOSED)
    @Blocking
    public void onAuctionClosed(ConsumerRecord<String, String> record) {
        inbox.receive(record, AuctionClosed.class, auctions::follow);
    }
}
