package dev.gavel.bidding.service;

import dev.gavel.bidding.AuctionState;
import dev.gavel.bidding.Bid;
import dev.gavel.bidding.BidderPosition;
import dev.gavel.bidding.api.BidDtos.BidResult;
import dev.gavel.bidding.api.BidDtos.BidStatus;
import dev.gavel.bidding.api.BidDtos.PlaceBidRequest;
import dev.gavel.bidding.model.Differences;
import dev.gavel.bidding.model.ReferenceAuction;
import dev.gavel.bidding.model.ReferenceAuction.Answer;
import dev.gavel.bidding.model.Scenario;
import dev.gavel.common.error.DomainException;
import dev.gavel.common.security.Caller;
import dev.gavel.events.AuctionClosed;
import dev.gavel.events.AuctionType;
import dev.gavel.events.SoftClose;
import dev.gavel.outbox.Tracing;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The engine's rules ({@link BidRules} on an {@link AuctionBatch}, in {@link BidRules#decisionOrder}) against the
 * independent {@link ReferenceAuction}, on at least a million random requests per build: every answer (status, code,
 * price, minNextBid, bidCount, leader, end, the bids placed) and every close must agree. Every bid the history shows
 * is at or beyond the price it was placed at. A failure prints its seed and the scenario shrunk to a few requests.
 *
 * <p>Seeds: {@code -Dgavel.model.seed=N} starts at N (default: a new one per run, printed on failure), and
 * {@code -Dgavel.model.steps=N} sets how many requests (default 1,000,000).
 */
class EngineModelTest {

    static final long STEPS = Long.getLong("gavel.model.steps", 1_000_000);

    @Test
    void theEngineAgreesWithTheReferenceModel() {
        long firstSeed = Long.getLong("gavel.model.seed", new java.util.Random().nextLong());
        long steps = 0;
        int scenarios = 0;
        for (long seed = firstSeed; steps < STEPS; seed++, scenarios++) {
            Scenario scenario = Scenario.random(seed, Scenario.Shape.PURE);
            String failure = new Run(scenario).failure();
            if (failure != null) {
                Scenario shrunk = scenario.shrink(s -> new Run(s).failure() != null);
                Run replay = new Run(shrunk);
                fail("seed " + seed + " (rerun with -Dgavel.model.seed=" + seed + "): " + failure
                        + "\nshrunk to " + shrunk.steps() + " requests on " + shrunk.terms() + ":\n"
                        + replay.transcript() + "\n" + replay.failure());
            }
            steps += scenario.steps();
        }
        assertTrue(steps >= STEPS, steps + " requests in " + scenarios + " scenarios from seed " + firstSeed);
    }

    /** One scenario through the engine's rules and the model side by side; the first disagreement ends it. */
    static final class Run {
        private final Scenario scenario;
        private final ReferenceAuction model;
        private final AuctionState auction = new AuctionState();
        private final MemoryStore store = new MemoryStore();
        private final MutableClock clock = new MutableClock(Scenario.T0);
        private final BidRules rules = new BidRules(clock);
        private final UUID[] bidders = new UUID[Scenario.BIDDERS];
        private final List<String> transcript = new ArrayList<>();
        private int placedSeen;

        Run(Scenario scenario) {
            this.scenario = scenario;
            this.model = new ReferenceAuction(scenario.terms());
            for (int i = 0; i < bidders.length; i++) {
                bidders[i] = new UUID(0, i + 1);
            }
            ReferenceAuction.Terms t = scenario.terms();
            auction.id = UUID.randomUUID();
            auction.sellerId = new UUID(0, 999);
            auction.title = "Lot";
            auction.type = t.reverse() ? AuctionType.REVERSE : AuctionType.FORWARD;
            store.type = auction.type;
            auction.currency = "EUR";
            auction.startingPrice = money(t.start());
            auction.reservePrice = t.reserve() == null ? null : money(t.reserve());
            auction.buyNowPrice = t.buyNow() == null ? null : money(t.buyNow());
            auction.minIncrement = t.fixedIncrement() == null ? null : money(t.fixedIncrement());
            if (t.softCloseWindow() != null) {
                auction.softCloseWindow = t.softCloseWindow().toString();
                auction.softCloseExtension = t.softCloseExtension().toString();
                auction.softCloseMode = t.resetMode() ? SoftClose.Mode.RESET : SoftClose.Mode.EXTEND;
            }
            auction.startsAt = t.startsAt();
            auction.endsAt = t.endsAt();
            auction.status = AuctionState.Status.OPEN;
            auction.currentPrice = auction.startingPrice;
            auction.termsPublishedAt = t.startsAt();
        }

        private boolean ran;
        private String failure;

        /** Runs the scenario (once); the first disagreement, or null. */
        String failure() {
            if (!ran) {
                ran = true;
                failure = run();
            }
            return failure;
        }

        private String run() {
            try {
                for (Scenario.Batch batch : scenario.batches()) {
                    clock.now = clock.now.plus(batch.advance());
                    String failure = closeIfEnded();
                    if (failure == null) {
                        failure = decide(batch);
                    }
                    if (failure != null) {
                        return failure;
                    }
                }
                return closeIfEnded();
            } catch (RuntimeException e) {
                return "the engine threw " + e;
            }
        }

        /** What was sent and answered, up to the first disagreement. */
        String transcript() {
            failure();
            return String.join("\n", transcript);
        }

        private String decide(Scenario.Batch batch) {
            Instant now = clock.now;
            List<Command> commands = new ArrayList<>();
            List<Scenario.Step> steps = batch.steps();
            for (Scenario.Step step : steps) {
                // every request of a batch saw the same state: the one before the batch
                commands.add(command(step, now));
            }
            transcript.add("at +" + java.time.Duration.between(Scenario.T0, now).toMillis() + " ms, together:");
            AuctionBatch engineBatch = new AuctionBatch(auction, store, AuctionBatch.biddersOf(commands));
            String[] failure = {null};
            BidRules.decideInOrder(engineBatch, commands, command -> {
                BigDecimal priceBefore = auction.currentPrice;
                Decision decision = rules.decide(engineBatch, command);
                if (failure[0] == null) {
                    failure[0] = compare(command, decision, priceBefore, now);
                }
                return decision;
            });
            engineBatch.events.stream().map(Tracing.Traced::event).filter(AuctionClosed.class::isInstance)
                    .map(AuctionClosed.class::cast).forEach(store.closes::add);
            return failure[0];
        }

        private Command command(Scenario.Step step, Instant now) {
            Caller caller = new Caller(step.bidder() == ReferenceAuction.SELLER ? auction.sellerId : bidders[step.bidder()],
                    "Bidder " + step.bidder(), false, true);
            if (step.kind() == Scenario.Kind.BUY_NOW) {
                Long expected = step.amountPick() == 0 || scenario.terms().buyNow() == null ? null
                        : scenario.terms().buyNow() + (step.amountOffset() % 2);
                return Command.buyNow(auction.id, expected == null ? null : money(expected), caller, null, now);
            }
            long amount = Scenario.amount(step, model, scenario.terms());
            Long max = Scenario.max(step, amount, model, scenario.terms());
            return Command.bid(new PlaceBidRequest(auction.id, money(amount), max == null ? null : money(max)),
                    caller, null, now);
        }

        /** Feeds the command to the model and compares both answers; a description of the difference, or null. */
        private String compare(Command command, Decision decision, BigDecimal priceBefore, Instant now) {
            int who = bidderOf(command.caller().id());
            Answer expected = command.bid() == null
                    ? model.buyNow(who, cents(command.expectedPrice()), now)
                    : model.bid(who, cents(command.bid().amount()), cents(command.bid().maxAmount()), now);
            String request = command.bid() == null ? "buy-now by " + name(who) + " expecting " + command.expectedPrice()
                    : "bid by " + name(who) + " of " + command.bid().amount()
                    + (command.bid().maxAmount() == null ? "" : " max " + command.bid().maxAmount());
            transcript.add("  " + request + " -> model " + describe(expected) + ", engine " + describe(decision));
            if (!expected.accepted()) {
                DomainException rejection = decision.rejection();
                if (rejection == null || !expected.code().equals(rejection.code())
                        || expected.status() != status(rejection.kind())) {
                    return request + ": the model refuses " + expected.status() + " " + expected.code()
                            + ", the engine answers " + describe(decision);
                }
                if ("BID_TOO_LOW".equals(expected.code()) && !Objects.equals(money(expected.minNext()),
                        rejection.extensions().get("minNextBid"))) {
                    return request + ": BID_TOO_LOW should carry minNextBid " + money(expected.minNext()) + ", not "
                            + rejection.extensions().get("minNextBid");
                }
                return store.bids.size() == placedSeen ? null : request + ": refused, but bids were recorded";
            }
            BidResult r = decision.accepted();
            if (r == null) {
                return request + ": the model accepts (" + describe(expected) + "), the engine answers "
                        + describe(decision);
            }
            Differences differences = new Differences();
            differences.same("status", expected.leading() ? BidStatus.LEADING : BidStatus.OUTBID, r.status());
            differences.same("currentPrice", money(expected.price()), r.currentPrice());
            if (command.bid() != null) {
                differences.same("minNextBid", money(expected.minNext()), r.minNextBid());
            }
            differences.same("bidCount", expected.bidCount(), r.bidCount());
            differences.same("leader", expected.leader() == null ? null : idOf(expected.leader()), auction.leaderId);
            differences.same("endsAt", expected.endsAt(), r.endsAt());
            differences.same("extended", expected.extended(), r.extended());
            differences.same("receivedAt", now, r.receivedAt());
            List<String> placedByEngine = new ArrayList<>();
            for (Bid bid : store.bids.subList(placedSeen, store.bids.size())) {
                placedByEngine.add(name(bidderOf(bid.bidderId)) + " " + bid.amount + (bid.automatic ? " auto" : ""));
                if (!auction.type.reaches(bid.amount, priceBefore)) {
                    differences.add("the history shows " + bid.amount + " below the price " + priceBefore);
                }
            }
            placedSeen = store.bids.size();
            List<String> placedByModel = expected.placed().stream()
                    .map(p -> name(p.bidder()) + " " + money(p.amount()) + (p.automatic() ? " auto" : "")).toList();
            differences.same("bids placed", placedByModel, placedByEngine);
            return differences.of(request);
        }

        private String closeIfEnded() {
            Instant now = clock.now;
            ReferenceAuction.End end = model.closeIfEnded(now);
            AuctionClosed closed = null;
            if (auction.status == AuctionState.Status.OPEN && !now.isBefore(auction.endsAt)) {
                closed = (AuctionClosed) AuctionCloser.close(auction, AuctionCloser.outcomeAtEnd(auction), now,
                        store.positions);
                transcript.add("at +" + java.time.Duration.between(Scenario.T0, now).toMillis() + " ms the end: "
                        + closed.outcome() + " to " + (closed.winnerId() == null ? "nobody" : name(bidderOf(closed.winnerId())))
                        + " at " + closed.finalPrice());
            } else if (store.closes.size() == 1) {
                closed = store.closes.get(0);
            }
            if (end == null && closed == null) {
                return null;
            }
            if (end == null || closed == null) {
                return "the model " + (end == null ? "keeps the auction open" : "ended it " + end)
                        + ", the engine " + (closed == null ? "keeps it open" : "ended it " + closed.outcome());
            }
            store.closes.clear();
            store.closes.add(closed);
            Differences differences = new Differences();
            differences.same("outcome", end.outcome(), closed.outcome().name());
            differences.same("winner", end.winner() == null ? null : idOf(end.winner()), closed.winnerId());
            differences.same("finalPrice", end.finalPrice() == null ? null : money(end.finalPrice()), closed.finalPrice());
            differences.same("runner-up", end.runnerUp() == null ? null : idOf(end.runnerUp()), closed.runnerUpId());
            differences.same("runner-up amount", end.runnerUpAmount() == null ? null : money(end.runnerUpAmount()),
                    closed.runnerUpAmount());
            return differences.of("the close");
        }

        private UUID idOf(int bidder) {
            return bidder == ReferenceAuction.SELLER ? auction.sellerId : bidders[bidder];
        }

        private int bidderOf(UUID id) {
            for (int i = 0; i < bidders.length; i++) {
                if (bidders[i].equals(id)) {
                    return i;
                }
            }
            return ReferenceAuction.SELLER;
        }

        private static String name(int bidder) {
            return bidder == ReferenceAuction.SELLER ? "the seller" : "bidder " + bidder;
        }

        private static String describe(Answer a) {
            return a.accepted() ? (a.leading() ? "LEADING" : "OUTBID") + " at " + money(a.price()) + " (" + a.bidCount()
                    + " bids, next " + money(a.minNext()) + ")" : a.status() + " " + a.code();
        }

        private static String describe(Decision d) {
            return d.accepted() != null ? d.accepted().status() + " at " + d.accepted().currentPrice() + " ("
                    + d.accepted().bidCount() + " bids, next " + d.accepted().minNextBid() + ")"
                    : status(d.rejection().kind()) + " " + d.rejection().code();
        }
    }


    static int status(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            default -> 500;
        };
    }

    static BigDecimal money(long cents) {
        return Differences.money(cents);
    }

    static Long cents(BigDecimal amount) {
        return amount == null ? null : amount.movePointRight(2).longValueExact();
    }

    /** The engine's reads and writes, in memory: a batch reads only its contenders, as from PostgreSQL. */
    static final class MemoryStore implements BatchStore {
        final List<BidderPosition> positions = new ArrayList<>();
        final List<Bid> bids = new ArrayList<>();
        final List<AuctionClosed> closes = new ArrayList<>();
        AuctionType type;

        @Override
        public List<BidderPosition> positions(UUID auctionId) {
            return positions;
        }

        @Override
        public List<BidderPosition> contenders(UUID auctionId, Set<UUID> bidders) {
            return Contenders.of(type, positions, bidders);
        }

        @Override
        public Set<UUID> approved(UUID auctionId) {
            return Set.of();
        }

        @Override
        public void persist(BidderPosition position) {
            positions.add(position);
        }

        @Override
        public void persist(Bid bid) {
            bids.add(bid);
        }
    }

    /** A clock the run moves. */
    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
