package dev.gavel.bidding.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.Bid;
import dev.gavel.bidding.BidderPosition;
import dev.gavel.bidding.repository.AuctionStateRepository;
import dev.gavel.bidding.repository.BidRepository;
import dev.gavel.bidding.repository.BidderPositionRepository;
import dev.gavel.bidding.rest.BidDtos.BidResult;
import dev.gavel.bidding.rest.BidDtos.BidStatus;
import dev.gavel.bidding.rest.BidDtos.BidView;
import dev.gavel.bidding.rest.BidDtos.LiveState;
import dev.gavel.bidding.rest.BidDtos.MyAuction;
import dev.gavel.bidding.rest.BidDtos.MyState;
import dev.gavel.bidding.rest.BidDtos.PlaceBidRequest;
import dev.gavel.common.Money;
import dev.gavel.common.Page;
import dev.gavel.common.problem.ProblemException;
import dev.gavel.common.security.Caller;
import dev.gavel.events.AuctionCancelled;
import dev.gavel.events.AuctionClosed;
import dev.gavel.events.AuctionEvent;
import dev.gavel.events.AuctionType;
import dev.gavel.events.BidPlaced;
import dev.gavel.events.Outcome;
import dev.gavel.events.SoftClose;
import dev.gavel.outbox.Outbox;
import dev.gavel.outbox.ProcessedEvents;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.FlushMode;
import org.hibernate.Session;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The engine's rules. Every change to an auction happens with its row locked, so bids on one auction are decided
 * one at a time, in the order they get the lock, against the latest state; each decision commits together with its
 * events (outbox), one {@code bid-placed} per placed bid (automatic counter-bids included), each with the next
 * {@code sequence} of the auction.
 */
@ApplicationScoped
// Rejections are raised before anything is written, and a batch must keep the other bids of its transaction.
@Transactional(dontRollbackOn = ProblemException.class)
public class BidService {

    /** An answer to a POST, as JSON: a fresh decision or the replay of an earlier one with the same Idempotency-Key. */
    public record Answer(int status, String json) {
    }

    /** One request for the engine: a bid or a buy-now, with its caller and Idempotency-Key. */
    public record Command(UUID auctionId, PlaceBidRequest bid, Caller caller, String idempotencyKey) {

        public static Command bid(PlaceBidRequest request, Caller caller, String idempotencyKey) {
            return new Command(request.auctionId(), request, caller, idempotencyKey);
        }

        public static Command buyNow(UUID auctionId, Caller caller, String idempotencyKey) {
            return new Command(auctionId, null, caller, idempotencyKey);
        }
    }

    /** The answer to one command of a batch, or the rule that rejected it. */
    public record Result(Answer answer, ProblemException rejection) {
    }

    /**
     * Decides a batch of commands for one auction in one transaction (group commit): the row is locked once, every
     * command is decided in {@link #decisionOrder} against the state the previous ones left, and a rejected command changes nothing
     * while the others still commit. The answers are given only after the commit, so every 201 is durable.
     */
    public List<Result> decide(List<Command> commands) {
        // Everything of the batch is decided in memory against one read of the auction and its bidders; the writes
        // go out together at the commit (JDBC batches), not one round trip per bid.
        auctions.getEntityManager().unwrap(Session.class).setHibernateFlushMode(FlushMode.COMMIT);
        UUID auctionId = commands.get(0).auctionId();
        if (commands.stream().anyMatch(c -> !c.auctionId().equals(auctionId))) {
            throw new IllegalArgumentException("a batch holds the commands of one auction");
        }
        Batch batch = new Batch(auctions.lock(auctionId).orElse(null));
        Result[] results = new Result[commands.size()];
        for (int i : decisionOrder(commands, batch.auction != null && batch.auction.type == AuctionType.REVERSE)) {
            results[i] = decideOne(batch, commands.get(i));
        }
        outbox.publishAll(batch.events);
        return Arrays.asList(results);
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

    private Result decideOne(Batch batch, Command command) {
        boolean claimed = false;
        try {
            String fingerprint = command.bid() == null ? "buy-now:" + command.auctionId()
                    : "bid:" + command.auctionId() + ":" + Money.of(command.bid().amount()) + ":"
                            + Money.of(command.bid().maxAmount());
            Optional<Idempotency.Stored> replay = claim(command.caller(), command.idempotencyKey(), fingerprint);
            if (replay.isPresent()) {
                return new Result(new Answer(replay.get().status(), replay.get().body()), null);
            }
            claimed = command.idempotencyKey() != null;
            BidResult result = command.bid() == null
                    ? buyNow(batch, command.caller())
                    : place(batch, command.bid(), command.caller());
            return new Result(answer(command.caller(), command.idempotencyKey(), result), null);
        } catch (ProblemException rejected) {
            if (claimed) {
                idempotency.release(command.caller().id(), command.idempotencyKey());
            }
            return new Result(null, rejected);
        }
    }

    /** What one batch works on: its auction (locked once), the bidders' positions (read once), the events to write. */
    private final class Batch {
        final AuctionState auction;
        final List<AuctionEvent> events = new ArrayList<>();
        private Map<UUID, BidderPosition> positions;

        Batch(AuctionState auction) {
            this.auction = auction;
        }

        /** The auction's bidders, by bidder id, in the order they first bid. */
        Map<UUID, BidderPosition> positions() {
            if (positions == null) {
                positions = new LinkedHashMap<>();
                BidService.this.positions.ofAuction(auction.id).forEach(p -> positions.put(p.id.bidderId(), p));
            }
            return positions;
        }

        /** A new bidder's position: filled in by the caller, then {@link #persist}ed (Hibernate inserts what it has then). */
        BidderPosition newPosition(Caller bidder) {
            BidderPosition position = new BidderPosition();
            position.id = new BidderPosition.Key(auction.id, bidder.id());
            position.bidderName = bidder.displayName() == null ? "bidder" : bidder.displayName();
            position.anonymous = bidder.anonymousBidding();
            positions().put(bidder.id(), position);
            return position;
        }

        void persist(BidderPosition position) {
            BidService.this.positions.persist(position);
        }
    }

    private final AuctionStateRepository auctions;
    private final BidRepository bids;
    private final BidderPositionRepository positions;
    private final Outbox outbox;
    private final Idempotency idempotency;
    private final ObjectMapper mapper;
    private final ProcessedEvents processed;

    public BidService(AuctionStateRepository auctions, BidRepository bids, BidderPositionRepository positions,
            Outbox outbox, Idempotency idempotency, ObjectMapper mapper, ProcessedEvents processed) {
        this.processed = processed;
        this.auctions = auctions;
        this.bids = bids;
        this.positions = positions;
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.mapper = mapper;
    }

    BidResult place(Batch batch, PlaceBidRequest request, Caller bidder) {
        BigDecimal amount = Money.of(request.amount());
        BigDecimal max = Money.of(request.maxAmount());
        AuctionState auction = openAuction(batch, bidder);
        Pricing.Terms terms = Increments.terms(auction);
        if (max != null && terms.better(amount, max)) {
            throw ProblemException.invalid("maxAmount", auction.type == AuctionType.REVERSE
                    ? "must not be above amount on a reverse auction" : "must not be below amount");
        }
        Map<UUID, BidderPosition> byBidder = batch.positions();
        BidderPosition own = byBidder.get(bidder.id());
        boolean leaderRaises = bidder.id().equals(auction.leaderId) && max != null;
        if (leaderRaises) {
            BigDecimal newMax = terms.bestOf(max, amount);
            if (!terms.better(newMax, own.maxAmount)) {
                throw ProblemException.conflict("BID_TOO_LOW", "You lead already; a new bid must raise your maximum.")
                        .with("minNextBid", Increments.minNextBid(auction));
            }
        } else if (!Increments.acceptable(auction, amount)) {
            throw ProblemException.conflict("BID_TOO_LOW", "The bid does not beat the current price by the increment.")
                    .with("minNextBid", Increments.minNextBid(auction));
        }

        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Pricing.Outcome outcome = Pricing.decide(terms, byBidder.values().stream().map(BidService::toPricing).toList(),
                auction.currentPrice, auction.leaderId, bidder.id(), amount, max, now);
        boolean extended = softClose(auction, now);

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
            Bid bid = record(batch, byBidder.get(placed.bidderId()), placed.amount(), placed.max(), placed.automatic(),
                    placed.priceAfter(), placed.leaderId(), now, extended && first == null);
            first = first == null ? bid : first;
        }
        BidStatus status = outcome.newBidLeads() ? BidStatus.LEADING : BidStatus.OUTBID;
        return new BidResult(first.id, auction.id, first.amount, first.maxAmount, status, auction.currentPrice,
                Increments.minNextBid(auction), auction.bidCount, auction.endsAt, extended);
    }

    BidResult buyNow(Batch batch, Caller buyer) {
        AuctionState auction = openAuction(batch, buyer);
        if (!Increments.buyNowAvailable(auction)) {
            throw ProblemException.conflict("BUY_NOW_UNAVAILABLE", "Buy-now is not offered on this auction (any more).");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        BidderPosition position = batch.positions().get(buyer.id());
        BidderPosition created = position == null ? batch.newPosition(buyer) : null;
        position = created == null ? position : created;
        position.amount = auction.buyNowPrice;
        position.maxAmount = auction.buyNowPrice;
        position.maxSince = now;
        if (created != null) {
            batch.persist(created);
        }
        Bid bid = record(batch, position, auction.buyNowPrice, auction.buyNowPrice, false, auction.buyNowPrice,
                buyer.id(), now, false);
        close(auction, Outcome.SOLD, now, batch.events);
        return new BidResult(bid.id, auction.id, bid.amount, bid.maxAmount, BidStatus.LEADING, auction.currentPrice,
                auction.currentPrice, auction.bidCount, auction.endsAt, false);
    }

    /** Records one placed bid: the row, the auction's new live state and its event. */
    private Bid record(Batch batch, BidderPosition bidder, BigDecimal amount, BigDecimal max, boolean automatic,
            BigDecimal priceAfter, UUID leaderAfter, Instant now, boolean extended) {
        AuctionState auction = batch.auction;
        UUID previousLeader = auction.leaderId;
        Bid bid = new Bid();
        bid.id = UUID.randomUUID();
        bid.auctionId = auction.id;
        bid.bidderId = bidder.id.bidderId();
        bid.bidderName = bidder.bidderName;
        bid.anonymous = bidder.anonymous;
        bid.amount = amount;
        bid.maxAmount = max;
        bid.automatic = automatic;
        bid.placedAt = now;
        auction.currentPrice = priceAfter;
        auction.bidCount++;
        auction.leaderId = leaderAfter;
        auction.leaderName = leaderAfter.equals(bidder.id.bidderId()) ? bidder.publicName()
                : batch.positions().get(leaderAfter).publicName();
        auction.sequence++;
        bid.sequence = auction.sequence;
        bids.persist(bid);
        batch.events.add(new BidPlaced(UUID.randomUUID(), auction.id, bid.id, bid.bidderId, bid.publicName(), amount,
                automatic, auction.currency, auction.currentPrice, Increments.minNextBid(auction), auction.bidCount,
                auction.leaderId, previousLeader, auction.endsAt, extended, now, auction.sequence));
        return bid;
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
        List<AuctionEvent> events = new ArrayList<>(1);
        close(auction, sold ? Outcome.SOLD : Outcome.UNSOLD, now, events);
        outbox.publishAll(events);
        return true;
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
        List<AuctionEvent> events = new ArrayList<>(1);
        close(auction, Outcome.CANCELLED, Instant.now().truncatedTo(ChronoUnit.MICROS), events);
        outbox.publishAll(events);
    }

    private static void close(AuctionState auction, Outcome outcome, Instant now, List<AuctionEvent> events) {
        boolean sold = outcome == Outcome.SOLD;
        auction.status = outcome == Outcome.CANCELLED ? AuctionState.Status.CANCELLED : AuctionState.Status.CLOSED;
        auction.outcome = outcome;
        auction.closedAt = now;
        auction.sequence++;
        events.add(new AuctionClosed(UUID.randomUUID(), auction.id, auction.sellerId, outcome,
                sold ? auction.leaderId : null, sold ? auction.leaderName : null,
                sold ? auction.currentPrice : null, auction.currency, auction.bidCount, now, auction.sequence));
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

    /** The auctions the caller bid on, with where they stand. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<MyAuction> mine(UUID bidderId, int page, int size) {
        List<MyAuction> items = new ArrayList<>();
        for (BidderPosition p : positions.ofBidder(bidderId, page, size)) {
            AuctionState a = auctions.findById(p.id.auctionId());
            boolean leads = bidderId.equals(a.leaderId);
            MyState state = switch (a.status) {
                case OPEN -> leads ? MyState.LEADING : MyState.OUTBID;
                case CLOSED -> leads && a.outcome == Outcome.SOLD ? MyState.WON : MyState.LOST;
                case CANCELLED -> MyState.LOST;
            };
            items.add(new MyAuction(a.id, p.amount, p.maxAmount, state, a.currentPrice, a.endsAt));
        }
        return Page.of(items, page, size, positions.countOfBidder(bidderId));
    }


    private static AuctionState openAuction(Batch batch, Caller caller) {
        AuctionState auction = batch.auction;
        if (auction == null) {
            throw ProblemException.notFound("AUCTION_NOT_FOUND", "No such auction.");
        }
        if (auction.sellerId.equals(caller.id())) {
            throw ProblemException.forbidden("OWN_AUCTION", "Sellers cannot bid on their own auction.");
        }
        Instant now = Instant.now();
        if (auction.status != AuctionState.Status.OPEN || now.isBefore(auction.startsAt) || !now.isBefore(auction.endsAt)) {
            throw ProblemException.conflict("AUCTION_NOT_ACTIVE", "The auction is not taking bids.");
        }
        return auction;
    }

    private Optional<Idempotency.Stored> claim(Caller caller, String key, String fingerprint) {
        return key == null ? Optional.empty() : idempotency.claim(caller.id(), key, fingerprint);
    }

    private Answer answer(Caller caller, String key, BidResult result) {
        try {
            String json = mapper.writeValueAsString(result);
            if (key != null) {
                idempotency.complete(caller.id(), key, 201, json);
            }
            return new Answer(201, json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }


    private static Pricing.Position toPricing(BidderPosition p) {
        return new Pricing.Position(p.id.bidderId(), p.amount, p.maxAmount, p.maxSince);
    }

    private AuctionState find(UUID auctionId) {
        return auctions.findByIdOptional(auctionId)
                .orElseThrow(() -> ProblemException.notFound("AUCTION_NOT_FOUND", "No such auction."));
    }
}
