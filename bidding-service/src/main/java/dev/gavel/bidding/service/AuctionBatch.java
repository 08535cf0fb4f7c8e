package dev.gavel.bidding.service;

import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.Bid;
import dev.gavel.bidding.BidderPosition;
import dev.gavel.common.security.Caller;
import dev.gavel.events.BidPlaced;
import dev.gavel.outbox.Tracing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What one batch of the engine works on: its auction (locked once), the positions it can change or be priced against
 * (read once, when first needed: {@link Contenders}) and the events it will publish. Bids are recorded here: the row,
 * the auction's new live state and the auction's next {@code bid-placed}.
 */
final class AuctionBatch {

    final AuctionState auction;
    /** The events of the batch, each with the trace of the request that caused it. */
    final List<Tracing.Traced> events = new ArrayList<>();
    private final BatchStore store;
    private final Set<UUID> bidders;
    private Map<UUID, BidderPosition> positions;
    /** The positions ranked first and second of {@link #positions} ({@link Contenders#leading}); null: not ranked. */
    private List<BidderPosition> leading;
    private boolean complete;
    private java.util.Set<UUID> approved;
    /** Of a batch on kept state: the auction's sequence and what the engine writes of each position, as kept. */
    private long keptSequence = -1;
    private Map<BidderPosition, List<Object>> keptPositions;

    /** A batch of {@code bidders}' commands (their callers: {@link #biddersOf}). */
    AuctionBatch(AuctionState auction, BatchStore store, Set<UUID> bidders) {
        this.auction = auction;
        this.store = store;
        this.bidders = bidders;
    }

    /** A batch whose contenders were read already (with those of other auctions of the same transaction). */
    AuctionBatch(AuctionState auction, BatchStore store, Set<UUID> bidders, List<BidderPosition> contenders) {
        this(auction, store, bidders);
        this.positions = new LinkedHashMap<>();
        contenders.forEach(p -> positions.put(p.id.bidderId(), p));
    }

    /**
     * A batch on the state the engine kept of its auction ({@link LiveAuctions}): the positions kept, with those of its
     * bidders the lease did not hold; what it changes of them is written by the engine ({@link #auctionChanged},
     * {@link #changedKeptPositions}), not by the session.
     */
    static AuctionBatch ofKept(AuctionState auction, BatchStore store, Set<UUID> bidders,
            List<BidderPosition> positions) {
        AuctionBatch batch = new AuctionBatch(auction, store, bidders, positions);
        batch.keptSequence = auction.sequence;
        batch.keptPositions = new IdentityHashMap<>();
        positions.forEach(p -> batch.keptPositions.put(p, written(p)));
        return batch;
    }

    /** The callers of a batch's commands. */
    static Set<UUID> biddersOf(List<Command> commands) {
        return commands.stream().map(c -> c.caller().id()).collect(Collectors.toSet());
    }

    /** Whether the bidder may bid on an auction with a deposit (read once per batch, when first needed). */
    boolean approved(UUID bidderId) {
        if (approved == null) {
            approved = store.approved(auction.id);
        }
        return approved.contains(bidderId);
    }

    /**
     * The positions of the batch's bidders and of the auction's first two ({@link Contenders}), by bidder id: not every
     * bidder of the auction (see {@link #allPositions}).
     */
    Map<UUID, BidderPosition> positions() {
        if (positions == null) {
            positions = new LinkedHashMap<>();
            store.contenders(auction.id, bidders).forEach(p -> positions.put(p.id.bidderId(), p));
        }
        return positions;
    }

    /** Every bidder of the auction (an auction closing at once tells them all), read when first needed. */
    Collection<BidderPosition> allPositions() {
        Map<UUID, BidderPosition> known = positions();
        if (!complete) {
            // the positions read before are the same objects (and may have changed in this batch): they are kept
            store.positions(auction.id).forEach(p -> known.putIfAbsent(p.id.bidderId(), p));
            complete = true;
            leading = null;
        }
        return known.values();
    }

    /**
     * The positions a bid of {@code bidderId} is priced against ({@link Contenders#pricedAgainst}): the leading ones,
     * ranked once per batch and then kept up to date by {@link #ranked}, and the bidder's own.
     */
    List<BidderPosition> pricedAgainst(UUID bidderId) {
        Map<UUID, BidderPosition> known = positions();
        if (leading == null) {
            leading = List.copyOf(Contenders.leading(auction.type, known).values());
        }
        return Contenders.pricedAgainst(known.values(), leading, known.get(bidderId));
    }

    /**
     * After a bid changed {@code changed} (new positions included): the leading positions are ranked again among the
     * ones before and those changed. That is all it takes while ranks only improve (maxima only rise, and a maximum's
     * order changes only with it: {@link Pricing#decide}), since every other position stays behind the second one;
     * with {@code anyWorse} (a rank that fell, which the rules never do) every position is ranked again.
     */
    void ranked(List<BidderPosition> changed, boolean anyWorse) {
        if (leading == null) {
            return;
        }
        if (anyWorse) {
            leading = null;
            return;
        }
        Map<UUID, BidderPosition> candidates = new LinkedHashMap<>();
        leading.forEach(p -> candidates.put(p.id.bidderId(), p));
        changed.forEach(p -> candidates.put(p.id.bidderId(), p));
        leading = List.copyOf(Contenders.leading(auction.type, candidates).values());
    }

    /** Whether a position ranks worse with {@code max} set at {@code order} than now ({@link Pricing#ranking}). */
    boolean ranksWorse(BidderPosition position, BigDecimal max, long order) {
        if (position.maxAmount == null) {
            return false; // a new position: ranked for the first time
        }
        return Pricing.ranksBefore(auction.type, position.maxAmount, position.maxOrder, max, order);
    }

    /** The positions read or written by this batch, or null when it never needed them. */
    Map<UUID, BidderPosition> knownPositions() {
        return positions;
    }

    /** Whether the batch changed its kept auction: every change of an auction is an event with its next sequence. */
    boolean auctionChanged() {
        return auction.sequence != keptSequence;
    }

    /** The kept positions the batch changed (not those it created: the session inserts them). */
    List<BidderPosition> changedKeptPositions() {
        return keptPositions.entrySet().stream()
                .filter(kept -> !kept.getValue().equals(written(kept.getKey())))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** What the engine writes of a kept position ({@code BidderPositionRepository#writeKept}). */
    private static List<Object> written(BidderPosition p) {
        return Arrays.asList(p.amount, p.maxAmount, p.maxSince, p.maxOrder, p.addressHash, p.addressSeenAt,
                p.accountCreatedAt);
    }

    /** A new bidder's position: filled in by the caller, then {@link #persist}ed (Hibernate inserts what it has then). */
    BidderPosition newPosition(Caller bidder) {
        BidderPosition position = new BidderPosition();
        position.id = new BidderPosition.Key(auction.id, bidder.id());
        auction.bidderCount++;
        position.pseudonym = "bidder-" + auction.bidderCount;
        position.bidderName = bidder.displayName() == null ? "bidder" : bidder.displayName();
        position.anonymous = bidder.anonymousBidding();
        positions().put(bidder.id(), position);
        return position;
    }

    void persist(BidderPosition position) {
        store.persist(position);
    }

    /** Records one placed bid: the row, the auction's new live state and its event. */
    Bid record(BidderPosition bidder, BigDecimal amount, BigDecimal max, boolean automatic, BigDecimal priceAfter,
            UUID leaderAfter, Instant now, boolean extended) {
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
        bid.placedAt = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as PostgreSQL keeps it: the log hashes it
        auction.currentPrice = priceAfter;
        auction.bidCount++;
        auction.leaderId = leaderAfter;
        auction.leaderName = leaderAfter.equals(bidder.id.bidderId()) ? bidder.publicName()
                : positions().get(leaderAfter).publicName();
        auction.sequence++;
        bid.sequence = auction.sequence;
        // the log: chained in sequence order, in the batch's transaction (the auction's row is locked)
        bid.pseudonym = bidder.pseudonym;
        bid.prevHash = auction.logHead == null ? BidLog.GENESIS : auction.logHead;
        bid.hash = BidLog.hash(bid.prevHash, BidLog.canonical(auction.id, bid.sequence, bid.id, bid.amount,
                bid.automatic, bid.placedAt, bid.pseudonym));
        auction.logHead = bid.hash;
        store.persist(bid);
        events.add(Tracing.Traced.now(new BidPlaced(UUID.randomUUID(), auction.id, bid.id, bid.bidderId,
                bid.publicName(), amount, automatic, auction.currency, auction.currentPrice,
                Increments.minNextBid(auction), auction.bidCount, auction.leaderId, previousLeader, auction.endsAt,
                extended, bid.placedAt, auction.sequence, bid.hash, auction.title)));
        return bid;
    }
}
