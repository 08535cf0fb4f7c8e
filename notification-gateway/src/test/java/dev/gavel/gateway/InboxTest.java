package dev.gavel.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.common.problem.Problem;
import dev.gavel.events.AuctionPublished;
import dev.gavel.events.AuctionType;
import dev.gavel.events.BidPlaced;
import dev.gavel.events.UserContactChanged;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.Mailbox;
import dev.gavel.testkit.TestEvents;
import dev.gavel.testkit.TestTokens;
import dev.gavel.testkit.WsTestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Notifications that reach people (CONTRACT §6b): stored once per event in the inbox (real PostgreSQL, real Kafka),
 * mailed once to verified addresses that want them (the real SMTP server of the mail catcher).
 */
@GatewayTest
class InboxTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URI base;

    @Inject
    EntityManager em;

    record Person(UUID id, String email, String token) {
    }

    /** Someone the gateway knows how to mail (user-service's user-contact-changed), wanting outbid mails or not. */
    Person person(boolean verified, boolean outbidMails) {
        return person(em, verified, outbidMails);
    }

    /** {@link #person(boolean, boolean)} for other test classes, with their EntityManager. */
    static Person person(EntityManager em, boolean verified, boolean outbidMails) {
        UUID id = UUID.randomUUID();
        String email = "p-" + id + "@example.com";
        KafkaTestClient.publish(new UserContactChanged(UUID.randomUUID(), id, email, verified, "Pat", Instant.now()));
        await().atMost(WAIT).until(() -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                !em.createNativeQuery("SELECT 1 FROM recipient WHERE user_id = ?1").setParameter(1, id)
                        .getResultList().isEmpty()));
        Person p = new Person(id, email, TestTokens.user(id, "Pat"));
        if (outbidMails) {
            given().auth().oauth2(p.token()).contentType(ContentType.JSON)
                    .body(Map.of("email", Map.of("outbid", true, "auctionWon", true, "auctionSold", true,
                            "endingSoon", true, "payments", true)))
                    .put("/api/notifications/preferences").then().statusCode(200).body("email.outbid", equalTo(true));
        }
        return p;
    }

    /** An auction the gateway knows the title of (its auction-published was applied: another topic than bids). */
    UUID auction(String title) {
        UUID auctionId = UUID.randomUUID();
        KafkaTestClient.publish(new AuctionPublished(UUID.randomUUID(), auctionId, UUID.randomUUID(), title,
                AuctionType.FORWARD, "EUR", BigDecimal.TEN, null, null, BigDecimal.ONE, null, Instant.now(),
                Instant.now().plusSeconds(3600), Instant.now()));
        await().atMost(WAIT).until(() -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                !em.createNativeQuery("SELECT 1 FROM auction_info WHERE auction_id = ?1").setParameter(1, auctionId)
                        .getResultList().isEmpty()));
        return auctionId;
    }

    static BidPlaced outbid(UUID auctionId, Person previousLeader, String price, long sequence) {
        return TestEvents.bidPlaced(UUID.randomUUID(), auctionId, UUID.randomUUID(), "Rival", previousLeader.id(),
                price, sequence);
    }

    static List<JsonNode> inbox(Person p, int atLeast) {
        await().atMost(WAIT).until(() -> given().auth().oauth2(p.token()).get("/api/notifications")
                .then().extract().<Integer>path("totalItems") >= atLeast);
        String body = given().auth().oauth2(p.token()).get("/api/notifications?size=100").then().statusCode(200)
                .extract().asString();
        try {
            List<JsonNode> items = new java.util.ArrayList<>();
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("items").forEach(items::add);
            return items;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    long mailJobs(UUID userId) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM mail_job j JOIN notification n ON n.id = j.notification_id WHERE n.user_id = ?1")
                .setParameter(1, userId).getSingleResult()).longValue());
    }

    @Test
    void anOfflineBidderFindsTheOutbidInTheInboxAndReadsIt() {
        Person bidder = person(true, false);
        UUID auctionId = auction("Grandfather clock");
        KafkaTestClient.publish(outbid(auctionId, bidder, "120.00", 2));

        JsonNode n = inbox(bidder, 1).get(0);
        assertEquals("outbid", n.get("type").asText());
        assertEquals(auctionId.toString(), n.get("auctionId").asText());
        assertTrue(n.get("title").asText().contains("Grandfather clock"), n.toString());
        assertTrue(n.get("body").asText().contains("EUR 120.00"), n.toString());
        assertTrue(n.get("readAt").isNull());
        given().auth().oauth2(bidder.token()).get("/api/notifications/unread-count").then().body("count", equalTo(1));
        given().auth().oauth2(bidder.token()).get("/api/notifications?unread=true").then().body("totalItems", equalTo(1));

        String id = n.get("id").asText();
        Person stranger = person(true, false);
        given().auth().oauth2(stranger.token()).post("/api/notifications/" + id + "/read").then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
        given().auth().oauth2(bidder.token()).post("/api/notifications/" + id + "/read").then().statusCode(204);
        given().auth().oauth2(bidder.token()).post("/api/notifications/" + id + "/read").then().statusCode(204);
        given().auth().oauth2(bidder.token()).get("/api/notifications/unread-count").then().body("count", equalTo(0));
        given().auth().oauth2(bidder.token()).get("/api/notifications?unread=false").then().body("totalItems", equalTo(1));
        given().get("/api/notifications").then().statusCode(401);
        assertEquals(0, mailJobs(bidder.id()), "outbid mails are off by default");
    }

    /** The engine's events carry the title: no need to wait for auction-published (another topic) to name it. */
    @Test
    void theEventsOwnTitleNamesTheAuctionEvenBeforeTheCatalogsEvent() {
        Person bidder = person(true, false);
        BidPlaced plain = outbid(UUID.randomUUID(), bidder, "42.00", 2);
        KafkaTestClient.publish(new BidPlaced(plain.eventId(), plain.auctionId(), plain.bidId(), plain.bidderId(),
                plain.bidderDisplayName(), plain.amount(), false, "EUR", plain.currentPrice(), plain.minNextBid(),
                plain.bidCount(), plain.leaderId(), bidder.id(), plain.endsAt(), false, plain.placedAt(),
                plain.sequence(), "hash", "Music box"));
        assertTrue(inbox(bidder, 1).get(0).get("title").asText().contains("Music box"));
    }

    @Test
    void aDuplicatedEventStoresOneNotificationAndSendsOneMail() {
        Person bidder = person(true, true);
        UUID auctionId = auction("Brass telescope");
        BidPlaced event = outbid(auctionId, bidder, "55.00", 3);
        KafkaTestClient.publish(event);
        KafkaTestClient.publish(event);
        // a later event of the same auction (same partition) shows both copies have been read
        KafkaTestClient.publish(TestEvents.sold(auctionId, UUID.randomUUID(), bidder.id(), "Pat", "70.00", 4, 9));
        assertEquals(2, inbox(bidder, 2).size(), "one outbid and one won");

        JsonNode mail = Mailbox.ofTestCatcher().await(bidder.email(), "outbid");
        assertTrue(mail.get("text").asText().contains("Brass telescope") && mail.get("html").asText()
                .contains("/auctions/" + auctionId), mail.toString());
        Mailbox.ofTestCatcher().await(bidder.email(), "You won");
        assertEquals(1, Mailbox.ofTestCatcher().to(bidder.email()).stream()
                .filter(m -> m.get("subject").asText().contains("outbid")).count());
    }

    @Test
    void anOutbidStormSendsOneMailAndAnUnverifiedAddressNone() {
        Person bidder = person(true, true);
        Person unverified = person(false, true);
        UUID auctionId = auction("Pocket watch");
        for (int i = 0; i < 20; i++) {
            KafkaTestClient.publish(outbid(auctionId, bidder, (100 + i) + ".00", 10 + i));
            KafkaTestClient.publish(outbid(auctionId, unverified, (100 + i) + ".50", 40 + i));
        }
        assertEquals(20, inbox(bidder, 20).size());
        assertEquals(20, inbox(unverified, 20).size(), "the inbox has everything, mailed or not");
        Mailbox.ofTestCatcher().await(bidder.email(), "outbid");
        assertEquals(1, mailJobs(bidder.id()), "one outbid mail per auction per 15 minutes");
        assertEquals(0, mailJobs(unverified.id()), "no mail to an address nobody verified");
        assertEquals(0, Mailbox.ofTestCatcher().to(unverified.email()).size());
    }

    @Test
    void theUnsubscribeLinkTurnsThatMailOffWithoutSigningIn() {
        Person bidder = person(true, true);
        UUID auctionId = auction("Oil painting");
        KafkaTestClient.publish(outbid(auctionId, bidder, "80.00", 2));
        JsonNode mail = Mailbox.ofTestCatcher().await(bidder.email(), "outbid");
        String link = Mailbox.link(mail, "http://localhost:8080/api/notifications/unsubscribe?");
        String path = link.substring("http://localhost:8080".length());

        given().urlEncodingEnabled(false).get(path.replace("kind=outbid", "kind=auctionWon")).then().statusCode(400)
                .body("code", equalTo("INVALID_UNSUBSCRIBE_LINK")); // the signature covers the kind
        given().urlEncodingEnabled(false).post(path).then().statusCode(200); // RFC 8058 one-click, no sign-in
        given().auth().oauth2(bidder.token()).get("/api/notifications/preferences").then()
                .body("email.outbid", equalTo(false)).body("email.auctionWon", equalTo(true));
    }

    @Test
    void personalFramesCarryTheInboxIdTitleAndServerTime() {
        Person bidder = person(true, false);
        UUID auctionId = auction("Writing desk");
        KafkaTestClient.publish(outbid(auctionId, bidder, "10.00", 2));
        inbox(bidder, 1);
        try (WsTestClient feed = WsTestClient.connect(URI.create("ws://" + base.getHost() + ":" + base.getPort()
                + "/ws/notifications?access_token=" + bidder.token()))) {
            JsonNode unread = feed.next(WAIT);
            assertEquals("unread-count", unread.get("type").asText());
            assertEquals(1, unread.get("count").asInt());
            assertTrue(Math.abs(Instant.parse(unread.get("serverTime").asText()).toEpochMilli()
                    - dev.gavel.testkit.TestClocks.now().toEpochMilli()) < 60_000, "the gateway's clock: " + unread);

            // the relay reads from the latest offset: outbid again until a frame comes
            long[] sequence = {3};
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                KafkaTestClient.publish(outbid(auctionId, bidder, (20 + sequence[0]) + ".00", sequence[0]++));
                return feed.pending() > 0;
            });
            JsonNode frame = feed.next(WAIT);
            assertEquals("outbid", frame.get("type").asText());
            assertTrue(frame.get("title").asText().contains("Writing desk"), frame.toString());
            assertTrue(frame.hasNonNull("serverTime") && frame.hasNonNull("notificationId"), frame.toString());
            String id = frame.get("notificationId").asText();
            await().atMost(WAIT).until(() -> inbox(bidder, 1).stream().anyMatch(n -> n.get("id").asText().equals(id)));
        }
    }

    @Inject
    dev.gavel.gateway.service.NotificationCenter center;

    @Test
    void notificationsAreKeptNinetyDays() {
        Person bidder = person(true, false);
        UUID auctionId = auction("Old letter");
        KafkaTestClient.publish(outbid(auctionId, bidder, "30.00", 2));
        inbox(bidder, 1);
        center.expire();
        assertEquals(1, inbox(bidder, 0).size(), "kept while young");
        dev.gavel.testkit.TestClocks.CLOCK.advance(Duration.ofDays(91));
        center.expire();
        assertEquals(0, inbox(bidder, 0).size(), "gone after the retention");
    }
}
