package dev.gavel.bidding.service;

import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.Bid;
import dev.gavel.bidding.BidderPosition;
import dev.gavel.bidding.api.BidDtos.BidResult;
import dev.gavel.bidding.api.BidDtos.BidStatus;
import dev.gavel.bidding.api.BidDtos.PlaceBidRequest;
import dev.gavel.bidding.repository.ApprovedBidderRepository;
import dev.gavel.bidding.repository.AuctionStateRepository;
import dev.gavel.bidding.repository.BidRepository;
import dev.gavel.bidding.repository.BidderPositionRepository;
import dev.gavel.common.Money;
import dev.gavel.common.error.DomainException;
import dev.gavel.common.security.Caller;
import dev.gavel.events.AuctionType;
import dev.gavel.events.Outcome;
import dev.gavel.outbox.Outbox;
import dev.gavel.outbox.Tracing;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.FlushMode;
import org.hibernate.Session;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The engine's bid rules. Every change to an auction happens with its row locked, so bids on one auction are decided
 * one at a time, in the order they get the lock, against the latest state; each decision commits together with its
 * events (outbox), one {@code bid-placed} per placed bid (automatic counter-bids included), each with the next
 * {@code sequence} of the auction.
 */
@ApplicationScoped
// Rejections are raised before anything is written, and a batch must keep the other bids of its transaction.
@Transactional(dontRollbackOn = DomainException.class)
public class BidEngine {

    private final AuctionStateRepository auctions;
    private final BidRepository bids;
    private final BidderPositionRepository positions;
    private final Outbox outbox;
    private final Idempotency idempotency;
    private final Clock clock;
    private final ApprovedBidderRepository approved;

    public BidEngine(AuctionStateRepository auctions, BidRepository bids, BidderPositionRepository positions,
            Outbox outbox, Idempotency idempotency, Clock clock, ApprovedBidderRepository approved) {
        this.approved = approved;
        this.auctions = auctions;
        this.bids = bids;
        this.positions = positions;
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    /**
     * Decides a batch of commands for one auction in one transaction (group commit): the row is locked once, every
     * command is decided in {@link #decisionOrder} against the state the previous ones left, and a rejected command
     * changes nothing while the others still commit. The answers are given only after the commit, so every accepted
     * bid is durable.
     */
    public List<Decision> decide(List<Command> commands) {
        // Everything of the batch is decided in memory against one read of the auction and its bidders; the writes
        // go out together at the commit (JDBC batches), not one round trip per bid (gavel-bench BiddingBenchmark).
        auctions.getEntityManager().unwrap(Session.class).setHibernateFlushMode(FlushMode.COMMIT);
        UUID auctionId = commands.get(0).auctionId();
        if (commands.stream().anyMatch(c -> !c.auctionId().equals(auctionId))) {
            throw new IllegalArgumentException("a batch holds the commands of one auction");
        }
        AuctionBatch batch = new AuctionBatch(auctions.lock(auctionId).orElse(null), bids, positions, approved);
        Decision[] decisions = new Decision[commands.size()];
        for (int i : decisionOrder(commands, batch.auction != null && batch.auction.type == AuctionType.REVERSE)) {
            // each command is decided in its own request's trace, so its events carry that trace
            try (Scope ignored = commands.get(i).trace().makeCurrent()) {
                decisions[i] = decideOne(batch, commands.get(i));
            }
        }
        outbox.publishTraced(batch.events);
        return Arrays.asList(decisions);
    }

    /**
     * The order in which the commands of one batch are decided: their bids lowest first (highest first on a reverse
     * auction), equal amounts in arrival order; a buy-now keeps its place, and bids are not moved across it. None of
     * the batch's requests has been answered when it is decided, so they are concurrent and any order is a valid one;
     * arrival order within a batch is only the order their threads happened to reach the queue. Lowest first lets
     * every bid that beats the price before the batch count, as an ascending auction would take them one after the
     * other, instead of answering BID_TOO_LOW to all but the highest. With plain bids the outcome (the highest bid
     * leads at its amount; of equal amounts the first to arrive) is the same in either order; between equal proxy
     * maxima of one batch, "earlier" means earlier in this order.
     */
    static int[] decisionOrder(List<Command> commands, boolean reverse) {
        Integer[] order = new Integer[commands.size()];
        Arrays.setAll(order, i -> i);
        Comparator<Integer> byAmount = Comparator.comparing(i -> commands.get(i).bid().amount(),
                Comparator.nullsFirst(Comparator.<BigDecimal>naturalOrder()));
        Comparator<Integer> worstFirst = reverse ? byAmount.reversed() : byAmount;
        int runStart = 0;
        for (int i = 0; i <= commands.size(); i++) {
            if (i == commands.size() || commands.get(i).bid() == null) {
                Arrays.sort(order, runStart, i, worstFirst); // a stable sort: equal amounts keep arrival order
                runStart = i + 1;
            }
        }
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    private Decision decideOne(AuctionBatch batch, Command command) {
        boolean claimed = false;
        try {
            if (command.idempotencyKey() != null) {
                Optional<BidResult> replay = idempotency.claim(command.caller().id(), command.idempotencyKey(),
                        command.fingerprint());
                if (replay.isPresent()) {
                    return Decision.accepted(replay.get());
                }
                claimed = true;
            }
            Instant received = (command.receivedAt() == null ? clock.instant() : command.receivedAt())
                    .truncatedTo(ChronoUnit.MICROS);
            BidResult result = command.bid() == null
                    ? buyNow(batch, command.caller(), command.expectedPrice(), received)
                    : place(batch, command.bid(), command.caller(), received);
            if (claimed) {
                idempotency.complete(command.caller().id(), command.idempotencyKey(), result);
            }
            return Decision.accepted(result);
        } catch (DomainException rejected) {
            if (claimed) {
                idempotency.release(command.caller().id(), command.idempotencyKey());
            }
            return Decision.rejected(rejected);
        }
    }

    /** A bid, decided as at {@code now}: the instant it was received. */
    private BidResult place(AuctionBatch batch, PlaceBidRequest request, Caller bidder, Instant now) {
        BigDecimal amount = Money.of(request.amount());
        BigDecimal max = Money.of(request.maxAmount());
        AuctionState auction = openAuction(batch, bidder, now);
        Pricing.Terms terms = Increments.terms(auction);
        if (max != null && auction.type.better(amount, max)) {
            throw DomainException.invalid("maxAmount", auction.type == AuctionType.REVERSE
                    ? "must not be above amount on a reverse auction" : "must not be below amount");
        }
        Map<UUID, BidderPosition> byBidder = batch.positions();
        BidderPosition own = byBidder.get(bidder.id());
        boolean leaderRaises = bidder.id().equals(auction.leaderId) && max != null;
        if (leaderRaises) {
            BigDecimal newMax = terms.bestOf(max, amount);
            if (!auction.type.better(newMax, own.maxAmount)) {
                throw DomainException.conflict("BID_TOO_LOW", "You lead already; a new bid must raise your maximum.")
                        .with("minNextBid", Increments.minNextBid(auction));
            }
        } else if (Increments.atFloor(auction)) {
            throw DomainException.conflict("PRICE_AT_FLOOR", "The price is at its floor of 0.01: no bid can beat it.");
        } else if (!Increments.acceptable(auction, amount)) {
            throw DomainException.conflict("BID_TOO_LOW", "The bid does not beat the current price by the increment.")
                    .with("minNextBid", Increments.minNextBid(auction));
        }

        Pricing.Outcome outcome = Pricing.decide(terms, byBidder.values().stream().map(BidEngine::toPricing).toList(),
                auction.currentPrice, auction.leaderId, bidder.id(), amount, max, now);
        Instant extendedEnd = SoftCloseRule.extendedEnd(auction.softClose(), auction.endsAt, now);
        if (extendedEnd != null) {
            auction.endsAt = extendedEnd;
        }

        BidderPosition created = own == null ? batch.newPosition(bidder) : null;
        for (Pricing.Position p : outcome.positions()) {
            BidderPosition row = byBidder.get(p.bidderId());
            row.amount = p.amount();
            row.maxAmount = p.max();
            row.maxSince = p.maxSince();
        }
        if (created != null) {
            batch.persist(created);
        }

        Bid first = null;
        for (Pricing.PlacedBid placed : outcome.bids()) {
            Bid bid = batch.record(byBidder.get(placed.bidderId()), placed.amount(), placed.max(), placed.automatic(),
                    placed.priceAfter(), placed.leaderId(), now, extendedEnd != null && first == null);
            first = first == null ? bid : first;
        }
        BidStatus status = outcome.newBidLeads() ? BidStatus.LEADING : BidStatus.OUTBID;
        return new BidResult(first.id, auction.id, first.amount, first.maxAmount, status, auction.currentPrice,
                Increments.minNextBid(auction), auction.bidCount, auction.endsAt, extendedEnd != null, now,
                clock.instant());
    }

    /** A buy-now, decided as at {@code now}: the instant it was received. */
    private BidResult buyNow(AuctionBatch batch, Caller buyer, BigDecimal expectedPrice, Instant now) {
        AuctionState auction = openAuction(batch, buyer, now);
        if (!Increments.buyNowAvailable(auction)) {
            throw DomainException.conflict("BUY_NOW_UNAVAILABLE", "Buy-now is not offered on this auction (any more).");
        }
        if (expectedPrice != null && expectedPrice.compareTo(auction.buyNowPrice) != 0) {
            throw DomainException.conflict("PRICE_CHANGED", "The buy-now price is not the one you saw; nothing was bought.")
                    .with("buyNowPrice", auction.buyNowPrice);
        }
        BidderPosition position = batch.positions().get(buyer.id());
        BidderPosition created = position == null ? batch.newPosition(buyer) : null;
        position = created == null ? position : created;
        position.amount = auction.buyNowPrice;
        position.maxAmount = auction.buyNowPrice;
        position.maxSince = now;
        if (created != null) {
            batch.persist(created);
        }
        Bid bid = batch.record(position, auction.buyNowPrice, auction.buyNowPrice, false, auction.buyNowPrice,
                buyer.id(), now, false);
        batch.events.add(Tracing.Traced.now(
                AuctionCloser.close(auction, Outcome.SOLD, now, batch.positions().values())));
        return new BidResult(bid.id, auction.id, bid.amount, bid.maxAmount, BidStatus.LEADING, auction.currentPrice,
                auction.currentPrice, auction.bidCount, auction.endsAt, false, now, clock.instant());
    }

    private static AuctionState openAuction(AuctionBatch batch, Caller caller, Instant now) {
        AuctionState auction = batch.auction;
        if (auction == null) {
            throw AuctionState.NOT_FOUND.exception();
        }
        if (auction.sellerId.equals(caller.id())) {
            throw DomainException.forbidden("OWN_AUCTION", "Sellers cannot bid on their own auction.");
        }
        if (!auction.takesBidsAt(now)) {
            throw DomainException.conflict("AUCTION_NOT_ACTIVE", "The auction is not taking bids.");
        }
        if (auction.depositRequired != null && !batch.approved(caller.id())) {
            throw DomainException.forbidden("DEPOSIT_REQUIRED", "This auction takes bids only after a deposit: "
                    + "POST /api/payments/deposits holds it on your wallet.")
                    .with("depositRequired", auction.depositRequired);
        }
        return auction;
    }

    private static Pricing.Position toPricing(BidderPosition p) {
        return new Pricing.Position(p.id.bidderId(), p.amount, p.maxAmount, p.maxSince);
    }
}
