package dev.gavel.bidding;

import dev.gavel.bidding.api.BidDtos.BidResult;
import dev.gavel.bidding.api.BidDtos.PlaceBidRequest;
import dev.gavel.bidding.model.Differences;
import dev.gavel.bidding.model.ReferenceAuction;
import dev.gavel.bidding.repository.BidRepository;
import dev.gavel.bidding.service.BidBatcher;
import dev.gavel.bidding.service.BidEngine;
import dev.gavel.bidding.service.BiddingMetrics;
import dev.gavel.bidding.service.Command;
import dev.gavel.bidding.service.Decision;
import dev.gavel.bidding.service.KnownAuctions;
import dev.gavel.bidding.service.TestBatchers;
import dev.gavel.common.security.Caller;
import dev.gavel.events.AuctionPublished;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static dev.gavel.bidding.model.Differences.money;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Concurrent bidders on one auction, through the real engine and PostgreSQL, with batches of at most 1 to 256: the
 * history the engine wrote (sequence order) must be explainable as one request after the other. Replayed through the
 * {@link ReferenceAuction}, every accepted request is accepted there with the same answer and the same bids placed
 * (automatic ones too), prices never go backwards, and every refusal is right for a state the request could have
 * seen (one at least as recent as every answer its bidder had before sending it).
 */
@BiddingTest
class ConcurrentHistoryTest {

    static final int ROUNDS = 3;

    @Inject
    BidEngine engine;

    @Inject
    KnownAuctions auctions;

    @Inject
    BiddingMetrics metrics;

    @Inject
    BidRepository bids;

    /** A request, what its bidder knew when sending it, and the answer. */
    record Sent(int bidder, long amount, Long max, long seenBidCount, Decision decision) {
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 8, 32, 128, 256})
    void theHistoryOfConcurrentBidsIsASerialOne(int batchSize) throws Exception {
        int bidders = batchSize + 20;
        Instant end = BiddingTestSupport.now().plus(Duration.ofHours(1));
        AuctionPublished terms = BiddingTestSupport.terms(UUID.randomUUID(), "1.00", null, null, end, null);
        UUID auction = BiddingTestSupport.publishAndAwait(terms);
        assertTrue(auctions.exists(auction), "the batcher knows the auction (as after its first bid)");
        UUID[] ids = new UUID[bidders];
        for (int i = 0; i < bidders; i++) {
            ids[i] = UUID.randomUUID();
        }

        // the engine holds its first batch (the first bidder's bid alone) until every other bidder's first bid is
        // queued behind it: the next batch is full, and the ones after it as the answers come back
        CountDownLatch firstTaken = new CountDownLatch(1);
        CountDownLatch allSent = new CountDownLatch(1);
        AtomicInteger largestBatch = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        BidBatcher batcher = TestBatchers.of(batchSize, auctions, metrics, writers, commands -> {
            firstTaken.countDown();
            await(allSent);
            largestBatch.accumulateAndGet(commands.size(), Math::max);
            return engine.decide(commands);
        });
        AtomicLong answeredBidCount = new AtomicLong();
        Queue<Sent> sent = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        Random random = new Random(batchSize);
        try {
            for (int b = 0; b < bidders; b++) {
                done.add(bid(batcher, auction, ids, b, 100, ROUNDS, new Random(random.nextLong()), answeredBidCount,
                        sent, clients));
                if (b == 0) {
                    await(firstTaken);
                }
            }
            assertEquals(bidders - 1, batcher.queued(), "every other first bid waits behind the first batch");
            allSent.countDown();
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            allSent.countDown();
            writers.shutdown();
            clients.shutdown();
        }
        assertEquals(batchSize, largestBatch.get(), "batches of " + batchSize + " were formed");
        assertNull(explain(auction, terms, ids, new ArrayList<>(sent)));
    }

    /** One bidder: a bid at or a little above what they know of the next minimum, sometimes a proxy, then again. */
    private CompletableFuture<Void> bid(BidBatcher batcher, UUID auction, UUID[] ids, int bidder, long seenMinNext,
            int rounds, Random random, AtomicLong answered, Queue<Sent> sent, ExecutorService clients) {
        long seenBidCount = answered.get();
        long amount = seenMinNext + 50L * random.nextInt(4);
        Long max = random.nextInt(10) < 3 ? amount + 100L * (1 + random.nextInt(10)) : null;
        Command command = Command.bid(new PlaceBidRequest(auction, money(amount), money(max)),
                new Caller(ids[bidder], "Bidder " + bidder, false, true), null);
        return batcher.submit(command).thenComposeAsync(decision -> {
            sent.add(new Sent(bidder, amount, max, seenBidCount, decision));
            BidResult accepted = decision.accepted();
            BigDecimal next = accepted != null ? accepted.minNextBid()
                    : (BigDecimal) decision.rejection().extensions().get("minNextBid");
            if (accepted != null) {
                answered.accumulateAndGet(accepted.bidCount(), Math::max);
            }
            return rounds == 1 || next == null ? CompletableFuture.completedFuture(null)
                    : bid(batcher, auction, ids, bidder, next.movePointRight(2).longValueExact(), rounds - 1, random,
                    answered, sent, clients);
        }, clients);
    }

    /** Replays the history in sequence order through the model; what cannot be explained, or null. */
    private String explain(UUID auction, AuctionPublished published, UUID[] ids, List<Sent> sent) {
        Map<UUID, Sent> byBid = new HashMap<>();
        Map<UUID, Integer> bidderOf = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            bidderOf.put(ids[i], i);
        }
        for (Sent s : sent) {
            if (s.decision().accepted() != null) {
                byBid.put(s.decision().accepted().bidId(), s);
            } else if (!"BID_TOO_LOW".equals(s.decision().rejection().code())) {
                return "only BID_TOO_LOW may refuse a bid here, not " + s.decision().rejection().code();
            }
        }
        Instant now = BiddingTestSupport.now();
        ReferenceAuction model = new ReferenceAuction(new ReferenceAuction.Terms(false, 100, null, null, null,
                published.startsAt(), published.endsAt(), null, null, false));
        // every state of the history: its bid count, next minimum, leader and the leader's maximum
        List<long[]> states = new ArrayList<>();
        states.add(new long[] {0, model.minNext(), -1, 0});
        List<dev.gavel.bidding.Bid> history = QuarkusTransaction.requiringNew().call(() ->
                bids.find("auctionId", io.quarkus.panache.common.Sort.ascending("sequence"), auction).list());
        BigDecimal lastPrice = BigDecimal.ZERO;
        for (int i = 0; i < history.size(); ) {
            dev.gavel.bidding.Bid row = history.get(i);
            Sent s = byBid.remove(row.id);
            if (s == null || row.automatic) {
                return "bid " + row.sequence + " (" + row.amount + ") answers no request placed before it";
            }
            ReferenceAuction.Answer expected = model.bid(s.bidder(), s.amount(), s.max(), now);
            BidResult r = s.decision().accepted();
            Differences d = new Differences();
            d.same("accepted", true, expected.accepted());
            if (expected.accepted()) {
                d.same("status", expected.leading() ? "LEADING" : "OUTBID", r.status().name())
                        .same("currentPrice", money(expected.price()), r.currentPrice())
                        .same("minNextBid", money(expected.minNext()), r.minNextBid())
                        .same("bidCount", expected.bidCount(), r.bidCount());
                for (int p = 0; p < expected.placed().size(); p++) {
                    ReferenceAuction.Placed placed = expected.placed().get(p);
                    dev.gavel.bidding.Bid actual = i + p < history.size() ? history.get(i + p) : null;
                    d.same("bid " + (i + p + 1), "Bidder " + placed.bidder() + " " + money(placed.amount())
                                    + (placed.automatic() ? " auto" : ""),
                            actual == null ? null : "Bidder " + bidderOf.get(actual.bidderId) + " " + actual.amount
                                    + (actual.automatic ? " auto" : ""));
                }
                if (r.currentPrice().compareTo(lastPrice) < 0) {
                    d.add("the price went back from " + lastPrice + " to " + r.currentPrice());
                }
                lastPrice = r.currentPrice();
            }
            String difference = d.of("sequence " + row.sequence + ": bid of " + s.amount() + " max " + s.max()
                    + " by Bidder " + s.bidder());
            if (difference != null) {
                return difference;
            }
            i += expected.placed().size();
            Integer leader = model.leader();
            states.add(new long[] {model.bidCount(), model.minNext(), leader, model.maxOf(leader)});
        }
        if (!byBid.isEmpty()) {
            return byBid.size() + " accepted bids are not in the history";
        }
        for (Sent s : sent) {
            if (s.decision().rejection() != null && !rightForSomeState(s, states)) {
                return "Bidder " + s.bidder() + "'s bid of " + s.amount() + " max " + s.max() + " was refused with "
                        + s.decision().rejection().extensions() + " after seeing " + s.seenBidCount()
                        + " bids; no state since then refuses it so";
            }
        }
        return null;
    }

    /** A refusal is right when some state since the bidder's last answer refuses it, with that state's minimum. */
    private static boolean rightForSomeState(Sent s, List<long[]> states) {
        BigDecimal reported = (BigDecimal) s.decision().rejection().extensions().get("minNextBid");
        for (long[] state : states) {
            if (state[0] < s.seenBidCount() || money(state[1]).compareTo(reported) != 0) {
                continue;
            }
            boolean tooLow = s.amount() < state[1];
            boolean leaderWithoutRaise = s.max() != null && state[2] == s.bidder() && state[3] >= s.max();
            if (tooLow || leaderWithoutRaise) {
                return true;
            }
        }
        return false;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                fail("the bidders did not send their first bids");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
