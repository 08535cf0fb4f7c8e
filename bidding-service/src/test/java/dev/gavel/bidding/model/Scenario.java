package dev.gavel.bidding.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * A random auction and the batches of requests sent to it, from one seed. A step says what kind of amount to send,
 * not the amount: amounts are chosen against the model's state when their batch is sent (every request of a batch saw
 * the same state, as concurrent bidders do), so a shrunk scenario still sends meaningful amounts.
 *
 * @param batches requests sent together, each after its clock advance
 */
public record Scenario(long seed, ReferenceAuction.Terms terms, List<Batch> batches) {

    /** The first instant of every scenario: the auction starts here. */
    public static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    /** Bidders 0 .. BIDDERS-1 (and the seller). */
    public static final int BIDDERS = 5;

    /** What a request is: a bid (an amount and maybe a maximum), or a buy-now. */
    public enum Kind { BID, BUY_NOW }

    /**
     * One request. {@code amountPick}/{@code maxPick} say how its amounts relate to the state it saw; see
     * {@link #amount} and {@link #max}.
     */
    public record Step(int bidder, Kind kind, int amountPick, int amountOffset, int maxPick, int maxOffset) {
    }

    /** Requests sent at the same time, after the clock moved by {@code advance}. */
    public record Batch(Duration advance, List<Step> steps) {
    }

    /** How a scenario is made: with time moving (the pure model) or with time standing still (through HTTP). */
    public record Shape(boolean timeMoves, int minSteps, int maxSteps, int maxBatch) {
        public static final Shape PURE = new Shape(true, 20, 400, 8);
        public static final Shape HTTP = new Shape(false, 20, 120, 1);
    }

    public static Scenario random(long seed, Shape shape) {
        Random r = new Random(seed);
        ReferenceAuction.Terms terms = terms(r, shape);
        int total = shape.minSteps() + r.nextInt(shape.maxSteps() - shape.minSteps() + 1);
        List<Batch> batches = new ArrayList<>();
        long span = Duration.between(terms.startsAt(), terms.endsAt()).toMillis();
        for (int n = 0; n < total; ) {
            int size = Math.min(total - n, 1 + r.nextInt(shape.maxBatch()));
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                steps.add(step(r, terms));
            }
            Duration advance = shape.timeMoves() ? advance(r, span, total) : Duration.ZERO;
            batches.add(new Batch(advance, steps));
            n += size;
        }
        return new Scenario(seed, terms, batches);
    }

    public int steps() {
        return batches.stream().mapToInt(b -> b.steps().size()).sum();
    }

    // --- amounts, chosen against the state a request saw

    /** The amount a step sends, given the state its batch saw. */
    public static long amount(Step step, ReferenceAuction seen, ReferenceAuction.Terms terms) {
        long next = seen.minNext();
        long inc = seen.increment(next);
        int dir = terms.reverse() ? -1 : 1;
        long amount = switch (step.amountPick()) {
            case 0 -> next;                                             // exactly the minimum
            case 1 -> next + dir * inc * step.amountOffset();           // a few increments better (or worse)
            case 2 -> next + dir * (step.amountOffset() % 3 - 1);       // one cent around the minimum
            case 3 -> terms.reserve() == null ? next : terms.reserve() + (step.amountOffset() % 3 - 1);
            case 4 -> terms.buyNow() == null ? terms.start() : terms.buyNow() + (step.amountOffset() % 3 - 1);
            case 5 -> seen.price() + dir * (step.amountOffset() % 3 - 1); // around the price (a tie, or worse)
            default -> step.amountOffset() % 2 == 0 ? 1 : 99_999_999_999L; // the extremes: 0.01, and 999,999,999.99
        };
        return Math.max(1, Math.min(amount, 99_999_999_999L));
    }

    /** The maximum a step sends with {@code amount}: none, a few increments better, equal, or (malformed) worse. */
    public static Long max(Step step, long amount, ReferenceAuction seen, ReferenceAuction.Terms terms) {
        int dir = terms.reverse() ? -1 : 1;
        long inc = seen.increment(amount);
        long max = switch (step.maxPick()) {
            case 0, 1, 2 -> -1;                                         // a plain bid
            case 3 -> amount;                                           // a maximum equal to the amount
            case 4 -> amount - dir * inc;                               // malformed: worse than the amount
            default -> amount + dir * inc * step.maxOffset();           // a proxy
        };
        return max <= 0 ? null : Math.min(max, 99_999_999_999L);
    }

    // --- generation

    private static ReferenceAuction.Terms terms(Random r, Shape shape) {
        boolean reverse = r.nextInt(10) < 3;
        long start = switch (r.nextInt(6)) {
            case 0 -> 1 + r.nextInt(40);                  // near the 0.01 floor
            case 1 -> 95 + r.nextInt(10);                 // around the first step of the increment table
            case 2 -> 2_495 + r.nextInt(10);
            case 3 -> 99_990 + r.nextInt(20);
            default -> 1 + r.nextInt(50_000);
        };
        Long fixed = r.nextBoolean() ? null : new long[] {1, 5, 50, 100, 1_000}[r.nextInt(5)];
        Long reserve = r.nextInt(10) < 4 ? null
                : reverse ? Math.max(1, start - 1 - r.nextInt((int) Math.min(start, 5_000)))
                : start + r.nextInt(20_000);
        Long buyNow = reverse || r.nextInt(10) < 6 ? null
                : Math.max(start, reserve == null ? start : reserve) + r.nextInt(30_000);
        Duration length = shape.timeMoves() ? Duration.ofSeconds(60 + r.nextInt(600)) : Duration.ofDays(2);
        boolean softClose = r.nextBoolean();
        // through HTTP the clock is the test's: a window of the whole auction and EXTEND make every extension certain
        Duration window = !softClose ? null : shape.timeMoves() ? Duration.ofSeconds(60) : Duration.ofDays(3);
        Duration extension = !softClose ? null : Duration.ofSeconds(r.nextBoolean() ? 60 : 120);
        boolean reset = softClose && shape.timeMoves() && r.nextBoolean();
        return new ReferenceAuction.Terms(reverse, start, reserve, buyNow, fixed, T0, T0.plus(length), window,
                extension, reset);
    }

    private static Step step(Random r, ReferenceAuction.Terms terms) {
        int bidder = r.nextInt(40) == 0 ? ReferenceAuction.SELLER : r.nextInt(BIDDERS);
        Kind kind = terms.buyNow() != null && r.nextInt(25) == 0 ? Kind.BUY_NOW : Kind.BID;
        int amountPick = r.nextInt(10) < 4 ? 0 : r.nextInt(r.nextInt(20) == 0 ? 7 : 6);
        return new Step(bidder, kind, amountPick, r.nextInt(7) - 1, r.nextInt(8), r.nextInt(12));
    }

    private static Duration advance(Random r, long span, int steps) {
        int dice = r.nextInt(100);
        if (dice < 60) {
            return Duration.ZERO;
        }
        if (dice < 97) {
            return Duration.ofMillis(r.nextLong(Math.max(2, 3 * span / steps)));
        }
        return Duration.ofMillis(r.nextLong(Math.max(2, span / 3)));
    }

    // --- shrinking

    /**
     * The smallest scenario this one shrinks to that still {@code fails}: whole batches are dropped while it still
     * fails, then single requests, then clock advances are set to zero (delta debugging, greedy).
     */
    public Scenario shrink(Predicate<Scenario> fails) {
        Scenario current = this;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int chunk = Math.max(1, current.batches.size() / 2); chunk >= 1; chunk /= 2) {
                for (int from = 0; from + chunk <= current.batches.size(); ) {
                    List<Batch> fewer = new ArrayList<>(current.batches);
                    fewer.subList(from, from + chunk).clear();
                    Scenario candidate = new Scenario(seed, terms, fewer);
                    if (!fewer.isEmpty() && fails.test(candidate)) {
                        current = candidate;
                        progress = true;
                    } else {
                        from += chunk;
                    }
                }
            }
            for (int b = 0; b < current.batches.size(); b++) {
                Batch batch = current.batches.get(b);
                for (int s = 0; s < batch.steps().size() && batch.steps().size() > 1; ) {
                    List<Step> steps = new ArrayList<>(batch.steps());
                    steps.remove(s);
                    Scenario candidate = current.withBatch(b, new Batch(batch.advance(), steps));
                    if (fails.test(candidate)) {
                        current = candidate;
                        batch = current.batches.get(b);
                        progress = true;
                    } else {
                        s++;
                    }
                }
                if (!batch.advance().isZero()) {
                    Scenario candidate = current.withBatch(b, new Batch(Duration.ZERO, batch.steps()));
                    if (fails.test(candidate)) {
                        current = candidate;
                        progress = true;
                    }
                }
            }
        }
        return current;
    }

    private Scenario withBatch(int index, Batch batch) {
        List<Batch> changed = new ArrayList<>(batches);
        changed.set(index, batch);
        return new Scenario(seed, terms, changed);
    }
}
