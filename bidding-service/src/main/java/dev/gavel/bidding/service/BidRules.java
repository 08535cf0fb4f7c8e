package dev.gavel.bidding.service;

import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.Bid;
import dev.gavel.bidding.BidderPosition;
import dev.gavel.bidding.api.BidDtos.BidResult;
import dev.gavel.bidding.api.BidDtos.BidStatus;
import dev.gavel.bidding.api.BidDtos.PlaceBidRequest;
import dev.gavel.common.Money;
import dev.gavel.common.error.DomainException;
import dev.gavel.common.security.Caller;
import dev.gavel.events.AuctionType;
import dev.gavel.events.Outcome;
import dev.gavel.outbox.Tracing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The rules of one bid or buy-now on an auction's batch (CONTRACT §4, §4b): who may bid, what is acceptable, what is
 * placed and what the bidder is told. No database here: the {@link AuctionBatch} holds the state and its
 * {@link BatchStore} the writes, so the model tests drive exactly these rules without PostgreSQL.
 */
final class BidRules {

    /** How stale the kept time of a bidder's unchanged client address may get before a bid renews it. */
    static final Duration ADDRESS_SEEN_STEP = Duration.ofHours(1);

    private final Clock clock;

    BidRules(Clock clock) {
        this.clock = clock;
    }

    /**
     * Decides the commands of one batch in {@link #decisionOrder}, each against the state the previous ones
     * left; the answers are in the commands' order.
     */
    static Decision[] decideInOrder(AuctionBatch batch, List<Command> commands, Function<Command, Decision> one) {
        Decision[] decisions = new Decision[commands.size()];
        boolean reverse = batch.auction != null && batch.auction.type == AuctionType.REVERSE;
        for (int i : decisionOrder(commands, reverse)) {
            decisions[i] = one.apply(commands.get(i));
        }
        return decisions;
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

    /** One command, as at the instant it was received (now, when the command does not say). */
    Decision decide(AuctionBatch batch, Command command) {
        Instant received = (command.receivedAt() == null ? clock.instant() : command.receivedAt())
                .truncatedTo(ChronoUnit.MICROS);
        try {
            return Decision.accepted(command.bid() == null
                    ? buyNow(batch, command, received)
                    : place(batch, command, received));
        } catch (DomainException rejected) {
            return Decision.rejected(rejected);
        }
    }

    /** A bid, decided as at {@code now}: the instant it was received. */
    private BidResult place(AuctionBatch batch, Command command, Instant now) {
        PlaceBidRequest request = command.bid();
        Caller bidder = command.caller();
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

        // a maximum set now ranks after every maximum set before it, in the auction's sequence (ties: earlier wins)
        long order = auction.sequence + 1;
        List<Pricing.Position> pricedAgainst = batch.pricedAgainst(bidder.id()).stream().map(BidRules::toPricing)
                .toList();
        Pricing.Outcome outcome = Pricing.decide(terms, pricedAgainst, auction.currentPrice, auction.leaderId,
                bidder.id(), amount, max, order);
        Instant extendedEnd = SoftCloseRule.extendedEnd(auction.softClose(), auction.endsAt, now);
        if (extendedEnd != null) {
            auction.endsAt = extendedEnd;
        }

        BidderPosition created = own == null ? batch.newPosition(bidder) : null;
        List<BidderPosition> changed = new ArrayList<>(outcome.positions().size());
        boolean anyWorse = false;
        for (Pricing.Position p : outcome.positions()) {
            BidderPosition row = byBidder.get(p.bidderId());
            anyWorse |= batch.ranksWorse(row, p.max(), p.maxOrder());
            changed.add(row);
            row.amount = p.amount();
            if (row.maxSince == null || p.maxOrder() != row.maxOrder) {
                row.maxSince = now;
            }
            row.maxAmount = p.max();
            row.maxOrder = p.maxOrder();
        }
        batch.ranked(changed, anyWorse);
        remember(byBidder.get(bidder.id()), command, now);
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
    private BidResult buyNow(AuctionBatch batch, Command command, Instant now) {
        Caller buyer = command.caller();
        BigDecimal expectedPrice = command.expectedPrice();
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
        boolean worse = batch.ranksWorse(position, auction.buyNowPrice, auction.sequence + 1);
        position.amount = auction.buyNowPrice;
        position.maxAmount = auction.buyNowPrice;
        position.maxSince = now;
        position.maxOrder = auction.sequence + 1;
        batch.ranked(List.of(position), worse);
        remember(position, command, now);
        if (created != null) {
            batch.persist(created);
        }
        Bid bid = batch.record(position, auction.buyNowPrice, auction.buyNowPrice, false, auction.buyNowPrice,
                buyer.id(), now, false);
        batch.events.add(Tracing.Traced.now(
                AuctionCloser.close(auction, Outcome.SOLD, now, batch.allPositions())));
        return new BidResult(bid.id, auction.id, bid.amount, bid.maxAmount, BidStatus.LEADING, auction.currentPrice,
                auction.currentPrice, auction.bidCount, auction.endsAt, false, now, clock.instant());
    }

    /**
     * What the shill signals need of an accepted bid's sender: the hashed client address it came from (and when), and
     * when their account was created, as their token says.
     * <p>
     * When the address is the one already kept, its time is kept too unless it is {@link #ADDRESS_SEEN_STEP} old: the
     * address is then forgotten at most that much sooner than 30 days after the last bid from it, and a bidder's
     * position is rewritten in a bid storm without changing an indexed column, so that PostgreSQL updates it in place
     * (a HOT update: no new index entries; each bid's new time made every one of them a full update, docs/benchmarks.md,
     * "PostgreSQL's time per bid").
     */
    static void remember(BidderPosition position, Command command, Instant now) {
        String address = command.clientAddressHash();
        boolean keptRecently = address != null && address.equals(position.addressHash)
                && position.addressSeenAt != null && position.addressSeenAt.isAfter(now.minus(ADDRESS_SEEN_STEP));
        if (address != null && !keptRecently) {
            position.addressHash = address;
            position.addressSeenAt = now;
        }
        if (command.caller().accountCreatedAt() != null) {
            position.accountCreatedAt = command.caller().accountCreatedAt();
        }
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
        return new Pricing.Position(p.id.bidderId(), p.amount, p.maxAmount, p.maxOrder);
    }
}
