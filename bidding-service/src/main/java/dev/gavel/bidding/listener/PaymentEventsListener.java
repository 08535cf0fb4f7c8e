package dev.gavel.bidding.listener;

import dev.gavel.bidding.service.ApprovedBidders;
import dev.gavel.events.BidderApproved;
import dev.gavel.events.Topics;
import dev.gavel.outbox.EventInbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Deposits held by payment-service; unreadable or failing records go to {@code bidding-service.<topic>.dlq}. */
@ApplicationScoped
public class PaymentEventsListener {

    private final ApprovedBidders approved;
    private final EventInbox inbox;

    public PaymentEventsListener(ApprovedBidders approved, EventInbox inbox) {
        this.approved = approved;
        this.inbox = inbox;
    }

    @Incoming(Topics.BIDDER_APPROVED)
    @Blocking
    public void onBidderApproved(ConsumerRecord<String, String> record) {
        inbox.receive(record, BidderApproved.class, approved::apply);
    }
}
