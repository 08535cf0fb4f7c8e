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
import java.util.UUID;

/**
 * The catalog follows the bidding engine: price, bid count, leader, end and outcome come from its events. An event
 * older than what is stored (by the auction's sequence) changes nothing, so applying an event again is harmless.
 * {@code bid-placed} is deduplicated by that sequence alone: recording the id of each of them as processed wrote a row
 * per bid (2,000 a second under a storm, kept 14 days) for no effect the sequence does not already have.
 * {@code auction-closed} also records its id (one per auction).
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
     * (the same state as applying them one by one), the leader's name from the latest of them the leader placed. An
     * event redelivered, in this poll or a later one, is at or below the stored sequence by then, or the same state.
     */
    public void follow(List<BidPlaced> events) {
        Map<UUID, List<BidPlaced>> byAuction = new LinkedHashMap<>();
        for (BidPlaced event : events) {
            byAuction.computeIfAbsent(event.auctionId(), id -> new ArrayList<>()).add(event);
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
