package dev.gavel.bidding;

import dev.gavel.bidding.repository.BidderPositionRepository;
import dev.gavel.bidding.service.Contenders;
import dev.gavel.events.AuctionPublished;
import dev.gavel.events.AuctionType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static dev.gavel.bidding.BiddingTestSupport.now;
import static dev.gavel.bidding.BiddingTestSupport.publishAndAwait;
import static dev.gavel.bidding.BiddingTestSupport.terms;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine reads a batch's contenders with one SQL statement; it must return exactly what {@link Contenders}
 * defines (which the model tests check against the reference auction): the first two of each auction's ranking, ties
 * included, on forward and reverse auctions, and each batch's own bidders on their own auction only.
 */
@BiddingTest
class ContendersQueryTest {

    final UUID u1 = UUID.randomUUID();
    final UUID u2 = UUID.randomUUID();
    final UUID u3 = UUID.randomUUID();
    final UUID u4 = UUID.randomUUID();
    final UUID u5 = UUID.randomUUID();

    @Inject
    BidderPositionRepository positions;

    @Test
    void theStatementReturnsTheFirstTwoWithTiesAndEachBatchsOwnBiddersOnTheirAuctionOnly() {
        UUID forward = publishAndAwait(terms(UUID.randomUUID(), "1.00", null, "1.00", now().plus(1, ChronoUnit.HOURS),
                null));
        AuctionPublished t = terms(UUID.randomUUID(), "100.00", null, "1.00", now().plus(1, ChronoUnit.HOURS), null);
        UUID reverse = publishAndAwait(new AuctionPublished(t.eventId(), t.auctionId(), t.sellerId(), t.title(),
                AuctionType.REVERSE, t.currency(), t.startingPrice(), null, null, t.minIncrement(), null,
                t.startsAt(), t.endsAt(), t.publishedAt()));
        QuarkusTransaction.requiringNew().run(() -> {
            // forward: u2 leads (12.00, set first); u3 and u5 tie for second (12.00, same order); u1 and u4 are behind
            position(forward, u1, "10.00", 1);
            position(forward, u2, "12.00", 2);
            position(forward, u3, "12.00", 3);
            position(forward, u5, "12.00", 3);
            position(forward, u4, "9.00", 4);
            // reverse: the lowest maxima lead: u2, then u3; u1 and u4 are behind
            position(reverse, u1, "20.00", 1);
            position(reverse, u2, "5.00", 2);
            position(reverse, u3, "6.00", 3);
            position(reverse, u4, "30.00", 4);
        });

        Map<UUID, Set<UUID>> batches = Map.of(forward, Set.of(u1), reverse, Set.of(u4));
        Map<UUID, Set<UUID>> read = QuarkusTransaction.requiringNew().call(() -> positions.contenders(batches).stream()
                .collect(Collectors.groupingBy(p -> p.id.auctionId(),
                        Collectors.mapping(p -> p.id.bidderId(), Collectors.toSet()))));

        assertEquals(Set.of(u2, u3, u5, u1), read.get(forward), "the leader, both tied seconds and the batch's bidder");
        assertEquals(Set.of(u2, u3, u4), read.get(reverse), "the two lowest maxima and the batch's bidder");
        assertEquals(definition(forward, AuctionType.FORWARD, Set.of(u1)), read.get(forward));
        assertEquals(definition(reverse, AuctionType.REVERSE, Set.of(u4)), read.get(reverse));
        assertEquals(Set.of(u2, u3), QuarkusTransaction.requiringNew().call(() -> positions
                        .contenders(Map.of(reverse, Set.of(UUID.randomUUID()))).stream()
                        .map(p -> p.id.bidderId()).collect(Collectors.toSet())),
                "a bidder without a position adds nothing");
    }

    private Set<UUID> definition(UUID auction, AuctionType type, Set<UUID> bidders) {
        List<BidderPosition> all = QuarkusTransaction.requiringNew().call(() -> positions.ofAuction(auction));
        return Contenders.of(type, all, bidders).stream().map(p -> p.id.bidderId()).collect(Collectors.toSet());
    }

    private void position(UUID auction, UUID bidder, String max, long order) {
        BidderPosition p = new BidderPosition();
        p.id = new BidderPosition.Key(auction, bidder);
        p.bidderName = "bidder";
        p.amount = new BigDecimal(max);
        p.maxAmount = new BigDecimal(max);
        p.maxSince = now();
        p.maxOrder = order;
        p.pseudonym = "bidder-" + order;
        positions.persist(p);
    }
}
