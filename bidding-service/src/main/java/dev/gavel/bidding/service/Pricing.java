package dev.gavel.bidding.service;

import dev.gavel.events.AuctionType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The pricing rules of CONTRACT §4 as a pure function: given the auction's terms, every bidder's position (explicit
 * amount {@code a}, maximum {@code m}) and a new bid, which bids are placed (the bidder's own, and an automatic
 * counter-bid of a proxy that beats it), who leads and at what price. REVERSE auctions mirror FORWARD ones: "higher"
 * means lower, and the increment is subtracted.
 */
public final class Pricing {

    /** The terms that matter for the price. */
    public record Terms(AuctionType type, BigDecimal startingPrice, BigDecimal reservePrice, BigDecimal minIncrement) {

        boolean better(BigDecimal x, BigDecimal y) {
            return type.better(x, y);
        }

        BigDecimal bestOf(BigDecimal x, BigDecimal y) {
            return better(y, x) ? y : x;
        }

        BigDecimal worstOf(BigDecimal x, BigDecimal y) {
            return better(y, x) ? x : y;
        }

        BigDecimal step(BigDecimal price) {
            BigDecimal increment = Increments.increment(price, minIncrement);
            BigDecimal next = type == AuctionType.REVERSE ? price.subtract(increment) : price.add(increment);
            return next.signum() > 0 ? next : new BigDecimal("0.01");
        }

        boolean reaches(BigDecimal value, BigDecimal target) {
            return type.reaches(value, target);
        }
    }

    /**
     * One bidder's standing: the highest amount they bid themselves, their maximum, and the order in which that
     * maximum was set (the auction's {@code sequence} then): of equal maxima the one set first leads. An order, not a
     * time: bids of one batch may share an instant, or be decided in another order than they arrived.
     */
    public record Position(UUID bidderId, BigDecimal amount, BigDecimal max, long maxOrder) {
    }

    /** A bid the engine places: the bidder's own or an automatic counter-bid. */
    public record PlacedBid(UUID bidderId, BigDecimal amount, BigDecimal max, boolean automatic, UUID leaderId,
            BigDecimal priceAfter) {
    }

    /** The decision: the bids to record in this order, the leader, the price and the new positions. */
    public record Outcome(List<PlacedBid> bids, UUID leaderId, BigDecimal price, List<Position> positions,
            boolean newBidLeads) {
    }

    private Pricing() {
    }

    /** The lowest (FORWARD) / highest (REVERSE) acceptable amount now. */
    public static BigDecimal minNextBid(Terms terms, BigDecimal currentPrice, boolean anyBid) {
        return anyBid ? terms.step(currentPrice) : terms.startingPrice();
    }

    /**
     * Decides a new bid that has already been checked against {@code minNextBid} (or, with a {@code max}, that raises
     * the leader's own maximum).
     */
    public static Outcome decide(Terms terms, List<Position> positions, BigDecimal currentPrice, UUID leaderId,
            UUID bidderId, BigDecimal amount, BigDecimal max, long order) {
        List<Position> updated = new ArrayList<>();
        Position previous = null;
        for (Position p : positions) {
            if (p.bidderId().equals(bidderId)) {
                previous = p;
            } else {
                updated.add(p);
            }
        }
        BigDecimal newMax = terms.bestOf(max == null ? amount : max, amount);
        if (bidderId.equals(leaderId) && previous != null && max != null) {
            // the leader raises their own maximum (a bid with maxAmount): the price moves only through the reserve rule;
            // a plain bid of the leader is an explicit bid like anyone's and is priced below
            BigDecimal raisedMax = terms.bestOf(previous.max(), newMax);
            long since = terms.better(raisedMax, previous.max()) ? order : previous.maxOrder();
            updated.add(new Position(bidderId, previous.amount(), raisedMax, since));
            BigDecimal price = reserveJump(terms, currentPrice, raisedMax);
            // recorded at the price it leaves, never at its own (possibly lower) amount: the history must not read as
            // if someone bid below the price; the raised maximum stays private (found by the reference model)
            return new Outcome(List.of(new PlacedBid(bidderId, price, raisedMax, false, bidderId, price)), bidderId,
                    price, updated, true);
        }
        BigDecimal explicit = previous == null ? amount : terms.bestOf(previous.amount(), amount);
        BigDecimal keptMax = previous == null ? newMax : terms.bestOf(previous.max(), newMax);
        long since = previous != null && !terms.better(keptMax, previous.max()) ? previous.maxOrder() : order;
        updated.add(new Position(bidderId, explicit, keptMax, since));

        List<Position> ranked = rank(terms, updated);
        Position leader = ranked.get(0);
        Optional<Position> runnerUp = ranked.size() > 1 ? Optional.of(ranked.get(1)) : Optional.empty();
        BigDecimal price = price(terms, leader, runnerUp);

        List<PlacedBid> bids = new ArrayList<>();
        if (leader.bidderId().equals(bidderId)) {
            bids.add(new PlacedBid(bidderId, amount, keptMax, false, bidderId, price));
            return new Outcome(bids, bidderId, price, updated, true);
        }
        // an existing proxy beats the new bid: the new bid is placed (and outbid), then the counter-bid at once
        bids.add(new PlacedBid(bidderId, amount, keptMax, false, leader.bidderId(), terms.worstOf(amount, price)));
        List<Position> afterCounter = new ArrayList<>();
        for (Position p : updated) {
            afterCounter.add(p.bidderId().equals(leader.bidderId())
                    ? new Position(p.bidderId(), terms.bestOf(p.amount(), price), p.max(), p.maxOrder())
                    : p);
        }
        if (terms.better(price, leader.amount())) {
            bids.add(new PlacedBid(leader.bidderId(), price, leader.max(), true, leader.bidderId(), price));
        }
        return new Outcome(bids, leader.bidderId(), price, afterCounter, false);
    }

    /** Leader first: the best maximum, the earlier one on equal maxima. */
    static List<Position> rank(Terms terms, List<Position> positions) {
        List<Position> ranked = new ArrayList<>(positions);
        ranked.sort(ranking(terms.type(), Position::max, Position::maxOrder));
        return ranked;
    }

    /**
     * Whether a maximum {@code max} set at {@code order} ranks strictly before {@code otherMax} set at
     * {@code otherOrder}: the better maximum first, of equal maxima the earlier. The engine asks it of every position a
     * batch writes; {@link #ranking} is the same order as a comparator.
     */
    public static boolean ranksBefore(AuctionType type, BigDecimal max, long order, BigDecimal otherMax,
            long otherOrder) {
        return type.better(max, otherMax) || !type.better(otherMax, max) && order < otherOrder;
    }

    /** The order of {@link #rank} for any kind of position ({@link #ranksBefore} as a comparator). */
    static <P> Comparator<P> ranking(AuctionType type, Function<P, BigDecimal> max, ToLongFunction<P> maxOrder) {
        return (x, y) -> {
            BigDecimal maxX = max.apply(x);
            BigDecimal maxY = max.apply(y);
            long orderX = maxOrder.applyAsLong(x);
            long orderY = maxOrder.applyAsLong(y);
            return ranksBefore(type, maxX, orderX, maxY, orderY) ? -1
                    : ranksBefore(type, maxY, orderY, maxX, orderX) ? 1 : 0;
        };
    }

    /** {@code max(a_L, min(m_L, m_R + increment))}, or {@code max(a_L, start)} alone; then the reserve jump. */
    static BigDecimal price(Terms terms, Position leader, Optional<Position> runnerUp) {
        BigDecimal price = runnerUp
                .map(r -> terms.bestOf(leader.amount(), terms.worstOf(leader.max(), terms.step(r.max()))))
                .orElse(terms.bestOf(leader.amount(), terms.startingPrice()));
        return reserveJump(terms, price, leader.max());
    }

    static BigDecimal reserveJump(Terms terms, BigDecimal price, BigDecimal leaderMax) {
        if (terms.reservePrice() != null && terms.reaches(leaderMax, terms.reservePrice())
                && terms.better(terms.reservePrice(), price)) {
            return terms.reservePrice();
        }
        return price;
    }
}
