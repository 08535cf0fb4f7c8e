package dev.gavel.gateway;

import dev.gavel.events.AuctionPublished;
import dev.gavel.events.AuctionType;
import dev.gavel.events.BidPlaced;
import dev.gavel.gateway.InboxTest.Person;
import dev.gavel.gateway.service.Inbox;
import dev.gavel.testkit.TestEvents;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A poll of {@code bid-placed} is applied with a statement per kind of write for the whole poll: the result must be
 * what applying its events one by one gives (notifications once, mails to those who want them, one outbid mail per
 * person and auction, the audience, the latest end), with a redelivered event inside the poll and one from an
 * earlier poll.
 */
@GatewayTest
class InboxPollTest {

    @Inject
    Inbox inbox;

    @Inject
    EntityManager em;

    @Test
    void aPollOfBidsIsStoredAsItsEventsOneByOneWouldBe() {
        Person wantsMail = InboxTest.person(em, true, true);
        Person noOutbidMails = InboxTest.person(em, true, false);
        Person unverified = InboxTest.person(em, false, true);
        UUID lamp = UUID.randomUUID();
        UUID clock = UUID.randomUUID();
        UUID rival = UUID.randomUUID();
        for (UUID auctionId : List.of(lamp, clock)) {
            inbox.auctionPublished(new AuctionPublished(UUID.randomUUID(), auctionId, UUID.randomUUID(), "Lot",
                    AuctionType.FORWARD, "EUR", BigDecimal.TEN, null, null, BigDecimal.ONE, null, Instant.now(),
                    Instant.parse("2029-12-31T00:00:00Z"), Instant.now()));
        }
        BidPlaced earlier = outbid(lamp, rival, wantsMail, "10.00", 2, "2030-01-01T00:00:00Z");
        inbox.bidsPlaced(List.of(earlier));

        List<BidPlaced> poll = new ArrayList<>();
        poll.add(earlier); // redelivered from the earlier poll
        poll.add(outbid(lamp, rival, wantsMail, "12.00", 3, "2030-01-01T00:00:00Z"));
        // the lamp's latest bid (sequence 5) comes before sequence 4 here: its end is the one kept all the same
        poll.add(outbid(lamp, wantsMail.id(), noOutbidMails, "16.00", 5, "2030-01-01T00:07:00Z"));
        BidPlaced twice = outbid(lamp, rival, noOutbidMails, "14.00", 4, "2030-01-01T00:05:00Z");
        poll.add(twice);
        poll.add(twice); // redelivered within the poll
        poll.add(outbid(clock, rival, unverified, "20.00", 7, "2030-02-01T00:00:00Z"));
        poll.add(outbid(clock, wantsMail.id(), unverified, "21.00", 8, "2030-02-01T00:10:00Z"));
        inbox.bidsPlaced(poll);

        assertEquals(List.of("outbid:10.00", "outbid:12.00"), notifications(wantsMail.id()));
        assertEquals(List.of("outbid:14.00", "outbid:16.00"), notifications(noOutbidMails.id()));
        assertEquals(List.of("outbid:20.00", "outbid:21.00"), notifications(unverified.id()));
        assertEquals(1, mailJobs(wantsMail.id()), "one outbid mail per person and auction per 15 minutes");
        assertEquals(0, mailJobs(noOutbidMails.id()), "outbid mails are off by default");
        assertEquals(0, mailJobs(unverified.id()), "no mail to an address nobody verified");
        assertEquals(2, bidders(lamp), "the rival and the person who bid on the lamp");
        assertEquals(2, bidders(clock));
        assertEquals(Instant.parse("2030-01-01T00:07:00Z"), endsAt(lamp), "the end of the auction's latest bid");
        assertEquals(Instant.parse("2030-02-01T00:10:00Z"), endsAt(clock));
    }

    private static BidPlaced outbid(UUID auctionId, UUID bidderId, Person previousLeader, String price, long sequence,
            String endsAt) {
        BidPlaced e = TestEvents.bidPlaced(UUID.randomUUID(), auctionId, bidderId, "Rival", previousLeader.id(), price,
                sequence);
        return new BidPlaced(e.eventId(), e.auctionId(), e.bidId(), e.bidderId(), e.bidderDisplayName(), e.amount(),
                e.automatic(), e.currency(), e.currentPrice(), e.minNextBid(), e.bidCount(), e.leaderId(),
                e.previousLeaderId(), Instant.parse(endsAt), e.extended(), e.placedAt(), e.sequence(), null,
                "Lot " + auctionId);
    }

    /** The person's notifications as type:price, oldest price first. */
    private List<String> notifications(UUID userId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "SELECT type, body FROM notification WHERE user_id = ?1", Object[].class)
                .setParameter(1, userId).getResultList().stream()
                .map(r -> ((Object[]) r)[0] + ":" + price((String) ((Object[]) r)[1]))
                .sorted().toList());
    }

    private static String price(String body) {
        // "... The price is now EUR 12.00; ..."
        String after = body.substring(body.indexOf("now ") + 4);
        return new BigDecimal(after.substring(after.indexOf(' ') + 1, after.indexOf(';'))).toPlainString();
    }

    private long mailJobs(UUID userId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM mail_job j JOIN notification n ON n.id = j.notification_id WHERE n.user_id = ?1")
                .setParameter(1, userId).getSingleResult()).longValue());
    }

    private Instant endsAt(UUID auctionId) {
        return QuarkusTransaction.requiringNew().call(() -> ((java.time.OffsetDateTime) em.createNativeQuery(
                "SELECT ends_at FROM auction_info WHERE auction_id = ?1", java.time.OffsetDateTime.class)
                .setParameter(1, auctionId).getSingleResult()).toInstant());
    }

    private long bidders(UUID auctionId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM auction_audience WHERE auction_id = ?1 AND bidding")
                .setParameter(1, auctionId).getSingleResult()).longValue());
    }
}
