package dev.gavel.bidding.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CONTRACT §4 and §4b written a second time, from their text (and docs/api.md where the contract is silent), not from
 * the engine's code: the model the engine is checked against. Money is in whole cents ({@code long}), bidders are
 * numbers ({@link #SELLER} is the seller), and nothing here is shared with the engine.
 *
 * <p>Where the contract is silent this model follows docs/api.md: the leader's bid with a {@code maxAmount} raises their
 * maximum and is recorded at the price it leaves; a reverse auction whose next acceptable amount cannot beat its price
 * (the 0.01 floor) refuses every bid with {@code PRICE_AT_FLOOR}; buy-now is offered on forward auctions until the
 * first bid, or with a reserve until the reserve is met; of equal maxima the one set first leads.
 */
public final class ReferenceAuction {

    /** The bidder number of the seller. */
    public static final int SELLER = -1;

    /** What the auction is: amounts in cents; {@code null} for what it does not have. */
    public record Terms(boolean reverse, long start, Long reserve, Long buyNow, Long fixedIncrement, Instant startsAt,
            Instant endsAt, Duration softCloseWindow, Duration softCloseExtension, boolean resetMode) {
    }

    /** A bid the auction records: the bidder's own, or an automatic counter-bid. */
    public record Placed(int bidder, long amount, boolean automatic) {
    }

    /**
     * The answer to a bid or buy-now: a refusal ({@code status} and {@code code}), or the state right after it was
     * accepted.
     */
    public record Answer(int status, String code, boolean leading, long price, long minNext, long bidCount,
            Integer leader, Instant endsAt, boolean extended, List<Placed> placed) {

        static Answer refused(int status, String code, long minNext) {
            return new Answer(status, code, false, 0, minNext, 0, null, null, false, List.of());
        }

        public boolean accepted() {
            return status == 201;
        }
    }

    /** How the auction ended. */
    public record End(String outcome, Integer winner, Long finalPrice, Integer runnerUp, Long runnerUpAmount) {
    }

    private static final class Bidder {
        long amount;
        long max;
        long maxOrder;
    }

    private static final long[][] INCREMENTS = {
            {100, 5}, {500, 25}, {2_500, 50}, {10_000, 100}, {25_000, 250}, {50_000, 500}, {100_000, 1_000},
            {250_000, 2_500}, {500_000, 5_000}};

    private final Terms terms;
    private final Map<Integer, Bidder> bidders = new LinkedHashMap<>();
    private long price;
    private long bidCount;
    private Integer leader;
    private Instant endsAt;
    private boolean open = true;
    private End end;
    private long orders;

    public ReferenceAuction(Terms terms) {
        this.terms = terms;
        this.price = terms.start();
        this.endsAt = terms.endsAt();
    }

    // --- the rules of amounts

    private boolean better(long x, long y) {
        return terms.reverse() ? x < y : x > y;
    }

    private boolean reaches(long x, long y) {
        return x == y || better(x, y);
    }

    private long best(long x, long y) {
        return better(y, x) ? y : x;
    }

    private long worst(long x, long y) {
        return better(y, x) ? x : y;
    }

    /** The fixed increment, or the contract's table at this price. */
    public long increment(long at) {
        if (terms.fixedIncrement() != null) {
            return terms.fixedIncrement();
        }
        for (long[] row : INCREMENTS) {
            if (at < row[0]) {
                return row[1];
            }
        }
        return 10_000;
    }

    /** One increment better than {@code x}; a reverse auction never goes below 0.01. */
    private long step(long x) {
        return terms.reverse() ? Math.max(1, x - increment(x)) : x + increment(x);
    }

    public long minNext() {
        return bidCount == 0 ? terms.start() : step(price);
    }

    public boolean reserveMet() {
        return terms.reserve() == null || (bidCount > 0 && reaches(price, terms.reserve()));
    }

    public boolean buyNowOffered() {
        return terms.buyNow() != null && !terms.reverse() && (bidCount == 0 || !reserveMet());
    }

    // --- what a bidder can do

    /** A bid of {@code amount} (and a maximum, or null) by bidder {@code who}, received at {@code now}. */
    public Answer bid(int who, long amount, Long max, Instant now) {
        if (who == SELLER) {
            return Answer.refused(403, "OWN_AUCTION", minNext());
        }
        if (!takesBids(now)) {
            return Answer.refused(409, "AUCTION_NOT_ACTIVE", minNext());
        }
        if (max != null && better(amount, max)) {
            return Answer.refused(400, "VALIDATION_FAILED", minNext());
        }
        Bidder me = bidders.get(who);
        if (leader != null && leader == who && max != null) {
            return raise(me, max, now);
        }
        if (bidCount > 0 && !better(minNext(), price)) {
            return Answer.refused(409, "PRICE_AT_FLOOR", minNext());
        }
        if (!reaches(amount, minNext())) {
            return Answer.refused(409, "BID_TOO_LOW", minNext());
        }
        long newMax = max == null ? amount : max;
        if (me == null) {
            me = new Bidder();
            me.amount = amount;
            me.max = newMax;
            me.maxOrder = ++orders;
            bidders.put(who, me);
        } else {
            me.amount = best(me.amount, amount);
            if (better(newMax, me.max)) {
                me.max = newMax;
                me.maxOrder = ++orders;
            }
        }
        int lead = ranked().get(0);
        price = priceOf(lead);
        leader = lead;
        List<Placed> placed = new ArrayList<>();
        placed.add(new Placed(who, amount, false));
        Bidder l = bidders.get(lead);
        if (lead != who && better(price, l.amount)) {
            l.amount = price;
            placed.add(new Placed(lead, price, true));
        }
        return accepted(lead == who, placed, now);
    }

    /** The leader raises their own maximum: the price moves only through the reserve rule. */
    private Answer raise(Bidder me, long max, Instant now) {
        if (!better(max, me.max)) {
            return Answer.refused(409, "BID_TOO_LOW", minNext());
        }
        me.max = max;
        me.maxOrder = ++orders;
        price = reserveJump(price, max);
        return accepted(true, List.of(new Placed(leader, price, false)), now);
    }

    /** Buy-now by bidder {@code who} at the price they saw ({@code expected}, or null), received at {@code now}. */
    public Answer buyNow(int who, Long expected, Instant now) {
        if (who == SELLER) {
            return Answer.refused(403, "OWN_AUCTION", minNext());
        }
        if (!takesBids(now)) {
            return Answer.refused(409, "AUCTION_NOT_ACTIVE", minNext());
        }
        if (!buyNowOffered()) {
            return Answer.refused(409, "BUY_NOW_UNAVAILABLE", minNext());
        }
        if (expected != null && expected.longValue() != terms.buyNow()) {
            return Answer.refused(409, "PRICE_CHANGED", minNext());
        }
        Bidder me = bidders.computeIfAbsent(who, w -> new Bidder());
        me.amount = terms.buyNow();
        me.max = terms.buyNow();
        me.maxOrder = ++orders;
        price = terms.buyNow();
        leader = who;
        bidCount++;
        open = false;
        end = new End("SOLD", who, price, runnerUp(), runnerUp() == null ? null : bidders.get(runnerUp()).amount);
        return new Answer(201, null, true, price, price, bidCount, leader, endsAt, false,
                List.of(new Placed(who, price, false)));
    }

    /** The auction at {@code now}: once its effective end has come it closes, exactly once. */
    public End closeIfEnded(Instant now) {
        if (open && !now.isBefore(endsAt)) {
            open = false;
            boolean sold = leader != null && reserveMet();
            Integer second = sold ? runnerUp() : null;
            end = sold ? new End("SOLD", leader, price, second, second == null ? null : bidders.get(second).amount)
                    : new End("UNSOLD", null, null, null, null);
        }
        return end;
    }

    public Instant endsAt() {
        return endsAt;
    }

    public boolean open() {
        return open;
    }

    public long price() {
        return price;
    }

    public long bidCount() {
        return bidCount;
    }

    public Integer leader() {
        return leader;
    }

    /** The bidder's maximum, or null before their first bid. */
    public Long maxOf(int bidder) {
        Bidder b = bidders.get(bidder);
        return b == null ? null : b.max;
    }

    // --- the parts of the rules

    private boolean takesBids(Instant now) {
        return open && !now.isBefore(terms.startsAt()) && now.isBefore(endsAt);
    }

    /** Bidders by maximum, best first; of equal maxima the one set first. */
    private List<Integer> ranked() {
        List<Integer> ranked = new ArrayList<>(bidders.keySet());
        ranked.sort((x, y) -> {
            Bidder bx = bidders.get(x);
            Bidder by = bidders.get(y);
            if (bx.max != by.max) {
                return better(bx.max, by.max) ? -1 : 1;
            }
            return Long.compare(bx.maxOrder, by.maxOrder);
        });
        return ranked;
    }

    /** max(a_L, min(m_L, m_R + increment)), or max(a_L, start) alone; then the reserve jump. */
    private long priceOf(int lead) {
        Bidder l = bidders.get(lead);
        List<Integer> ranked = ranked();
        long p = ranked.size() < 2 ? best(l.amount, terms.start())
                : best(l.amount, worst(l.max, step(bidders.get(ranked.get(1)).max)));
        return reserveJump(p, l.max);
    }

    private long reserveJump(long p, long leaderMax) {
        Long reserve = terms.reserve();
        return reserve != null && reaches(leaderMax, reserve) && better(reserve, p) ? reserve : p;
    }

    private Answer accepted(boolean leading, List<Placed> placed, Instant now) {
        bidCount += placed.size();
        boolean extended = false;
        if (terms.softCloseWindow() != null && Duration.between(now, endsAt).compareTo(terms.softCloseWindow()) <= 0) {
            Instant moved = terms.resetMode() ? now.plus(terms.softCloseExtension())
                    : endsAt.plus(terms.softCloseExtension());
            if (moved.isAfter(endsAt)) {
                endsAt = moved;
                extended = true;
            }
        }
        return new Answer(201, null, leading, price, minNext(), bidCount, leader, endsAt, extended, placed);
    }

    /** The best other bidder by their own highest amount (of equal amounts, the earlier maximum). */
    private Integer runnerUp() {
        Integer second = null;
        for (Map.Entry<Integer, Bidder> e : bidders.entrySet()) {
            if (e.getKey().equals(leader)) {
                continue;
            }
            Bidder b = e.getValue();
            Bidder s = second == null ? null : bidders.get(second);
            if (s == null || better(b.amount, s.amount) || (b.amount == s.amount && b.maxOrder < s.maxOrder)) {
                second = e.getKey();
            }
        }
        return second;
    }
}
