package dev.gavel.bidding.service;

import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.Bid;
import dev.gavel.bidding.repository.AuctionStateRepository;
import dev.gavel.bidding.repository.BidRepository;
import dev.gavel.bidding.rest.BidDtos.BidResult;
import dev.gavel.bidding.rest.BidDtos.BidStatus;
import dev.gavel.bidding.rest.BidDtos.BidView;
import dev.gavel.bidding.rest.BidDtos.LiveState;
import dev.gavel.bidding.rest.BidDtos.PlaceBidRequest;
import dev.gavel.common.Money;
import dev.gavel.common.Page;
import dev.gavel.common.problem.ProblemException;
import dev.gavel.common.security.Caller;
import dev.gavel.events.AuctionClosed;
import dev.gavel.events.BidPlaced;
import dev.gavel.events.Outcome;
import dev.gavel.events.SoftClose;
import dev.gavel.outbox.Outbox;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The engine's rules. Every change to an auction happens with its row locked, so bids on one auction are decided
 * one at a time, in the order they get the lock, against the latest state; each decision commits together with its
 * event (outbox).
 */
@ApplicationScoped
@Transactional
public class BidService {

    private final AuctionStateRepository auctions;
    private final BidRepository bids;
    private final Outbox outbox;

    public BidService(AuctionStateRepository auctions, BidRepository bids, Outbox outbox) {
        this.auctions = auctions;
        this.bids = bids;
        this.outbox = outbox;
    }

    public BidResult place(PlaceBidRequest request, Caller bidder) {
        if (request.maxAmount() != null && request.maxAmount().compareTo(request.amount()) != 0) {
            throw ProblemException.invalid("maxAmount", "proxy bidding (a maxAmount above amount) is not available yet");
        }
        AuctionState auction = auctions.lock(request.auctionId())
                .orElseThrow(() -> ProblemException.notFound("AUCTION_NOT_FOUND", "No such auction."));
        if (auction.sellerId.equals(bidder.id())) {
            throw ProblemException.forbidden("OWN_AUCTION", "Sellers cannot bid on their own auction.");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (auction.status != AuctionState.Status.OPEN || now.isBefore(auction.startsAt)
                || !now.isBefore(auction.endsAt)) {
            throw ProblemException.conflict("AUCTION_NOT_ACTIVE", "The auction is not taking bids.");
        }
        BigDecimal amount = Money.of(request.amount());
        if (!Increments.acceptable(auction, amount)) {
            throw ProblemException.conflict("BID_TOO_LOW", "The bid does not beat the current price by the increment.")
                    .with("minNextBid", Increments.minNextBid(auction));
        }

        UUID previousLeader = auction.leaderId;
        Bid bid = new Bid();
        bid.id = UUID.randomUUID();
        bid.auctionId = auction.id;
        bid.bidderId = bidder.id();
        bid.bidderName = bidder.displayName() == null ? "bidder" : bidder.displayName();
        bid.anonymous = bidder.anonymousBidding();
        bid.amount = amount;
        bid.maxAmount = amount;
        bid.automatic = false;
        bid.placedAt = now;

        boolean extended = softClose(auction, now);
        auction.currentPrice = amount;
        auction.bidCount++;
        auction.leaderId = bidder.id();
        auction.leaderName = bid.publicName();
        auction.sequence++;
        bid.sequence = auction.sequence;
        bids.persist(bid);

        outbox.publish(new BidPlaced(UUID.randomUUID(), auction.id, bid.id, bidder.id(), bid.publicName(),
                bid.amount, false, auction.currency, auction.currentPrice, Increments.minNextBid(auction),
                auction.bidCount, auction.leaderId, previousLeader, auction.endsAt, extended, now, auction.sequence));
        return new BidResult(bid.id, auction.id, bid.amount, bid.maxAmount, BidStatus.LEADING, auction.currentPrice,
                Increments.minNextBid(auction), auction.bidCount, auction.endsAt, extended);
    }

    /** An accepted bid within the soft-close window moves the end. */
    private static boolean softClose(AuctionState auction, Instant now) {
        if (auction.softCloseMode == null) {
            return false;
        }
        Duration window = Duration.parse(auction.softCloseWindow);
        if (Duration.between(now, auction.endsAt).compareTo(window) > 0) {
            return false;
        }
        Duration extension = Duration.parse(auction.softCloseExtension);
        Instant newEnd = auction.softCloseMode == SoftClose.Mode.EXTEND
                ? auction.endsAt.plus(extension)
                : now.plus(extension);
        if (!newEnd.isAfter(auction.endsAt)) {
            return false;
        }
        auction.endsAt = newEnd;
        return true;
    }

    /**
     * Closes the auction if its effective end has come. The row lock makes this exactly-once: a bid in flight
     * finishes first (and may move the end), a second closer finds the auction closed.
     *
     * @return whether this call closed it
     */
    public boolean closeIfDue(UUID auctionId) {
        AuctionState auction = auctions.lock(auctionId).orElse(null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (auction == null || auction.status != AuctionState.Status.OPEN || auction.endsAt.isAfter(now)) {
            return false;
        }
        boolean sold = auction.leaderId != null && Increments.reserveMet(auction);
        auction.status = AuctionState.Status.CLOSED;
        auction.outcome = sold ? Outcome.SOLD : Outcome.UNSOLD;
        auction.closedAt = now;
        auction.sequence++;
        outbox.publish(new AuctionClosed(UUID.randomUUID(), auction.id, auction.sellerId, auction.outcome,
                sold ? auction.leaderId : null, sold ? auction.leaderName : null,
                sold ? auction.currentPrice : null, auction.currency, auction.bidCount, now, auction.sequence));
        return true;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public LiveState state(UUID auctionId) {
        return LiveState.of(find(auctionId), Instant.now());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<BidView> history(UUID auctionId, int page, int size) {
        find(auctionId);
        PanacheQuery<Bid> query = bids.history(auctionId).page(page, size);
        return Page.of(query.list().stream().map(BidView::of).toList(), page, size, query.count());
    }

    private AuctionState find(UUID auctionId) {
        return auctions.findByIdOptional(auctionId)
                .orElseThrow(() -> ProblemException.notFound("AUCTION_NOT_FOUND", "No such auction."));
    }
}
