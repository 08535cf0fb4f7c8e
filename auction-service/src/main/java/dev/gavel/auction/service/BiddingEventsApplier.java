package dev.gavel.auction.service;

import dev.gavel.auction.Auction;
import dev.gavel.auction.repository.AuctionRepository;
import dev.gavel.events.AuctionClosed;
import dev.gavel.events.BidPlaced;
import dev.gavel.events.Outcome;
import dev.gavel.outbox.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The catalog follows the bidding engine: price, bid count, leader, end and outcome come from its events. Each event
 * is applied once (its id is recorded in the same transaction as its effect), and an event older than what is stored
 * (by the auction's sequence) changes nothing.
 */
@ApplicationScoped
@Transactional
public class BiddingEventsApplier {

    private static final Logger LOG = Logger.getLogger(BiddingEventsApplier.class);

    /** The consumer name under which processed bidding events are recorded. */
    static final String CONSUMER = "auction-service";

    private final AuctionRepository auctions;
    private final ProcessedEvents processed;
    private final Clock clock;

    public BiddingEventsApplier(AuctionRepository auctions, ProcessedEvents processed, Clock clock) {
        this.auctions = auctions;
        this.processed = processed;
        this.clock = clock;
    }

    public void follow(BidPlaced event) {
        follow(List.of(event));
    }

    /**
     * The events of one poll in one transaction, one update per auction: the auction takes its latest event's state
     * (the same state as applying them one by one), the leader's name from the latest of them the leader placed.
     */
    public void follow(List<BidPlaced> events) {
        Set<UUID> fresh = processed.firstTime(events.stream().map(BidPlaced::eventId).toList(), CONSUMER);
        Map<UUID, List<BidPlaced>> byAuction = new LinkedHashMap<>();
        for (BidPlaced event : events) {
            // an event twice in one poll (redelivered) is applied once
            if (fresh.remove(event.eventId())) {
                byAuction.computeIfAbsent(event.auctionId(), id -> new ArrayList<>()).add(event);
            }
        }
        byAuction.forEach((auctionId, list) -> {
            list.sort(Comparator.comparingLong(BidPlaced::sequence));
            BidPlaced latest = list.get(list.size() - 1);
            Auction auction = auctions.lock(auctionId).orElse(null);
            if (auction == null) {
                LOG.warnf("bid-placed for unknown auction %s ignored", auctionId);
                return;
            }
            long stored = auction.lastSequence;
            if (latest.sequence() <= stored) {
                return;
            }
            auction.lastSequence = latest.sequence();
            auction.currentPrice = latest.currentPrice();
            auction.bidCount = latest.bidCount();
            auction.endsAt = latest.endsAt();
            auction.leadingBidderId = latest.leaderId();
            for (BidPlaced event : list) {
                if (event.sequence() > stored && event.leaderId() != null && event.leaderId().equals(event.bidderId())) {
                    auction.leadingBidderName = event.bidderDisplayName();
                }
            }
            auction.reserveMet = auction.reservePrice == null
                    || auction.type.reaches(latest.currentPrice(), auction.reservePrice);
            if (auction.status == Auction.Status.SCHEDULED) {
                auction.status = Auction.Status.ACTIVE;
            }
            auction.updatedAt = clock.instant();
        });
    }

    public void follow(AuctionClosed event) {
        if (!processed.firstTime(event.eventId(), CONSUMER)) {
            return;
        }
        Auction auction = current(event.auctionId(), event.sequence(), "auction-closed");
        if (auction == null) {
            return;
        }
        auction.status = event.outcome() == Outcome.CANCELLED ? Auction.Status.CANCELLED : Auction.Status.CLOSED;
        auction.outcome = event.outcome() == Outcome.CANCELLED ? null : event.outcome();
        auction.winnerId = event.winnerId();
        auction.finalPrice = event.finalPrice();
        auction.bidCount = event.bidCount();
        if (event.finalPrice() != null) {
            auction.currentPrice = event.finalPrice();
        }
        auction.updatedAt = clock.instant();
    }

    /** The auction locked, with its sequence moved to the event's; null when unknown or the event is stale. */
    private Auction current(java.util.UUID auctionId, long sequence, String topic) {
        Auction auction = auctions.lock(auctionId).orElse(null);
        if (auction == null) {
            LOG.warnf("%s for unknown auction %s ignored", topic, auctionId);
            return null;
        }
        if (sequence <= auction.lastSequence) {
            return null;
        }
        auction.lastSequence = sequence;
        return auction;
    }
}
