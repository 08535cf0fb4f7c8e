package dev.gavel.bidding.service;

import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.BidderPosition;
import dev.gavel.bidding.repository.AuctionStateRepository;
import dev.gavel.bidding.repository.BidderPositionRepository;
import dev.gavel.events.AuctionType;
import java.util.Collection;
import java.util.Comparator;
import dev.gavel.events.AuctionCancelled;
import dev.gavel.events.AuctionClosed;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.Outcome;
import dev.gavel.outbox.Outbox;
import dev.gavel.outbox.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.gavel.bidding.config.BiddingConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Ends auctions: at their effective end, when the catalog cancels them, and (through {@link #close}) at a buy-now.
 * Every end happens with the auction's row locked and publishes one {@code auction-closed} with the next sequence.
 */
@ApplicationScoped
@Transactional
public class AuctionCloser {

    private final AuctionStateRepository auctions;
    private final Outbox outbox;
    private final ProcessedEvents processed;
    private final Clock clock;
    private final BidderPositionRepository positions;
    private final Duration grace;

    public AuctionCloser(AuctionStateRepository auctions, Outbox outbox, ProcessedEvents processed, Clock clock,
            BidderPositionRepository positions, BiddingConfig config) {
        this.grace = config.closingGrace();
        this.positions = positions;
        this.auctions = auctions;
        this.outbox = outbox;
        this.processed = processed;
        this.clock = clock;
    }

    /**
     * Closes the auction if its effective end has come and the closing grace has passed (bids received before the end
     * that still wait for their batch are decided first: a bid counts at the instant it was received). The row lock
     * makes this exactly-once: a bid in flight finishes first (and may move the end), a second closer finds the
     * auction closed.
     *
     * @return whether this call closed it
     */
    public boolean closeIfDue(UUID auctionId) {
        AuctionState auction = auctions.lock(auctionId).orElse(null);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (auction == null || auction.status != AuctionState.Status.OPEN || auction.endsAt.plus(grace).isAfter(now)) {
            return false;
        }
        Outcome outcome = outcomeAtEnd(auction);
        outbox.publish(close(auction, outcome, now, outcome == Outcome.SOLD ? positions.ofAuction(auctionId) : List.of()));
        return true;
    }

    /** How an auction ends at its effective end: SOLD to the leader when the reserve (if any) is met, else UNSOLD. */
    static Outcome outcomeAtEnd(AuctionState auction) {
        return auction.leaderId != null && Increments.reserveMet(auction) ? Outcome.SOLD : Outcome.UNSOLD;
    }

    /** The catalog cancelled the auction: it ends CANCELLED at once (nobody wins). Once per event id. */
    public void cancel(AuctionCancelled event) {
        if (!processed.firstTime(event.eventId(), TermsService.CONSUMER)) {
            return;
        }
        AuctionState auction = auctions.lock(event.auctionId()).orElse(null);
        if (auction == null || auction.status != AuctionState.Status.OPEN) {
            return;
        }
        outbox.publish(close(auction, Outcome.CANCELLED, clock.instant().truncatedTo(ChronoUnit.MICROS), List.of()));
    }

    /**
     * Ends the locked auction with the outcome; the caller publishes the returned event in its transaction. A sold
     * auction names its runner-up (the best other bidder, from {@code bidders}) for a second-chance offer.
     */
    static AuctionEvent close(AuctionState auction, Outcome outcome, Instant now, Collection<BidderPosition> bidders) {
        boolean sold = outcome == Outcome.SOLD;
        BidderPosition runnerUp = sold ? runnerUp(auction, bidders) : null;
        auction.status = outcome == Outcome.CANCELLED ? AuctionState.Status.CANCELLED : AuctionState.Status.CLOSED;
        auction.outcome = outcome;
        auction.closedAt = now;
        auction.sequence++;
        return new AuctionClosed(UUID.randomUUID(), auction.id, auction.sellerId, outcome,
                sold ? auction.leaderId : null, sold ? auction.leaderName : null,
                sold ? auction.currentPrice : null, auction.currency, auction.bidCount, now, auction.sequence,
                auction.logHead, auction.title, runnerUp == null ? null : runnerUp.id.bidderId(),
                runnerUp == null ? null : runnerUp.amount);
    }

    /** The best bidder after the leader by their highest bid (earlier maximum first on a tie); none on one bidder. */
    static BidderPosition runnerUp(AuctionState auction, Collection<BidderPosition> bidders) {
        Comparator<BidderPosition> byAmount = Comparator.comparing(p -> p.amount);
        Comparator<BidderPosition> best = (auction.type == AuctionType.REVERSE ? byAmount : byAmount.reversed())
                .thenComparingLong(p -> p.maxOrder);
        return bidders.stream().filter(p -> !p.id.bidderId().equals(auction.leaderId)).min(best).orElse(null);
    }

    /** Open auctions whose effective end and grace have passed, oldest end first (in a transaction of its own). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<UUID> due(int limit) {
        return auctions.dueForClosing(clock.instant().minus(grace), limit);
    }
}
