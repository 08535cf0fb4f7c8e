package dev.gavel.gateway;

import dev.gavel.events.AuctionPublished;
import dev.gavel.events.AuctionType;
import dev.gavel.events.BidPlaced;
import dev.gavel.events.WatchlistChanged;
import dev.gavel.gateway.service.EndingSoonReminders;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.TestClocks;
import dev.gavel.testkit.TestEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ending-soon reminders (CONTRACT §6b) for watchers and bidders, an hour and ten minutes before the effective end,
 * once each, again after an extension moved the end, and late rather than never after downtime. The test clock is
 * driven; the job is run at chosen moments (it also runs on its own schedule: it is idempotent).
 */
@GatewayTest
class EndingSoonTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    EntityManager em;

    @Inject
    EndingSoonReminders reminders;

    List<String> reminderTitles(UUID userId, UUID auctionId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("SELECT title FROM notification "
                        + "WHERE user_id = ?1 AND auction_id = ?2 AND type = 'auction-ending-soon' ORDER BY created_at, title",
                String.class).setParameter(1, userId).setParameter(2, auctionId).getResultList());
    }

    boolean known(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return !query.getResultList().isEmpty();
        });
    }

    @Test
    void watchersAndBiddersAreRemindedAnHourAndTenMinutesBeforeTheEndAndAgainAfterAnExtension() {
        UUID seller = UUID.randomUUID();
        UUID watcher = UUID.randomUUID();
        UUID bidder = UUID.randomUUID();
        UUID auctionId = UUID.randomUUID();
        Instant endsAt = TestClocks.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        KafkaTestClient.publish(new AuctionPublished(UUID.randomUUID(), auctionId, seller, "Rocking chair",
                AuctionType.FORWARD, "EUR", BigDecimal.TEN, null, null, BigDecimal.ONE, null, TestClocks.now(),
                endsAt, TestClocks.now()));
        KafkaTestClient.publish(new WatchlistChanged(UUID.randomUUID(), auctionId, watcher, true, TestClocks.now()));
        BidPlaced bid = TestEvents.bidPlaced(UUID.randomUUID(), auctionId, bidder, "Bea", null, "12.00", 2);
        KafkaTestClient.publish(new BidPlaced(bid.eventId(), auctionId, bid.bidId(), bidder, "Bea", bid.amount(), false,
                "EUR", bid.currentPrice(), bid.minNextBid(), 1, bidder, null, endsAt, false, bid.placedAt(), 2));
        await().atMost(WAIT).until(() -> known("SELECT 1 FROM auction_audience WHERE auction_id = ?1 AND user_id = ?2 "
                + "AND watching", auctionId, watcher) && known("SELECT 1 FROM auction_audience WHERE auction_id = ?1 "
                + "AND user_id = ?2 AND bidding", auctionId, bidder) && known("SELECT 1 FROM auction_info "
                + "WHERE auction_id = ?1 AND ends_at IS NOT NULL", auctionId));

        reminders.remind();
        assertEquals(List.of(), reminderTitles(watcher, auctionId), "two hours before: nothing yet");

        TestClocks.CLOCK.advance(Duration.ofMinutes(61));
        reminders.remind();
        reminders.remind();
        assertEquals(List.of("\u201cRocking chair\u201d ends in an hour"), reminderTitles(watcher, auctionId));
        assertEquals(1, reminderTitles(bidder, auctionId).size());
        assertEquals(0, reminderTitles(seller, auctionId).size(), "the seller is not reminded of their own auction");

        // the service was away when the ten-minute reminder fell due: it goes out when it is back, late not never
        TestClocks.CLOCK.advance(Duration.ofMinutes(55));
        reminders.remind();
        assertEquals(2, reminderTitles(watcher, auctionId).size());
        assertTrue(reminderTitles(watcher, auctionId).contains("\u201cRocking chair\u201d ends in 10 minutes"));

        // a late bid extends the end by ten minutes (soft close): the reminder comes again for the new end
        Instant extended = endsAt.plus(Duration.ofMinutes(5));
        KafkaTestClient.publish(new BidPlaced(UUID.randomUUID(), auctionId, UUID.randomUUID(), watcher, "Wes",
                new BigDecimal("13.00"), false, "EUR", new BigDecimal("13.00"), new BigDecimal("14.00"), 2, watcher,
                bidder, extended, true, TestClocks.now(), 3));
        await().atMost(WAIT).until(() -> known("SELECT 1 FROM auction_info WHERE auction_id = ?1 AND ends_sequence = 3",
                auctionId));
        reminders.remind();
        assertEquals(3, reminderTitles(bidder, auctionId).size(), "an hour, ten minutes, ten minutes after the extension");
        reminders.remind();
        assertEquals(3, reminderTitles(bidder, auctionId).size(), "once per end");

        // nothing for a closed auction
        KafkaTestClient.publish(TestEvents.sold(auctionId, seller, watcher, "Wes", "13.00", 2, 4));
        await().atMost(WAIT).until(() -> known("SELECT 1 FROM auction_info WHERE auction_id = ?1 AND closed", auctionId));
    }
}
