package dev.gavel.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.events.AuctionClosed;
import dev.gavel.events.Topics;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.TestEvents;
import dev.gavel.testkit.TestTokens;
import dev.gavel.testkit.WsTestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Presence, personal notifications and slow clients, against a real Kafka broker. */
@GatewayTest
class LiveFeedBehaviourTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/")
    URI base;

    URI ws(String path) {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + path);
    }

    /** Sends events until the gateway's consumer (starting at the latest offset) is surely reading. */
    void awaitConsumerReady(String auction, WsTestClient watcher) {
        AuctionFeedEndpointTest.awaitConsumerReady(watcher,
                TestEvents.bidPlaced(UUID.fromString(auction), "Bob", "10.00", 1));
        watcher.next(WAIT);
    }

    @Test
    void presenceFollowsJoinsAndLeaves() {
        String auction = UUID.randomUUID().toString();
        BiddingStateStub.state(auction, 0, "5.00");
        try (WsTestClient first = WsTestClient.connect(ws("/ws/auctions/" + auction))) {
            assertEquals(1, first.next(WAIT).get("watchers").asInt());
            WsTestClient second = WsTestClient.connect(ws("/ws/auctions/" + auction));
            assertEquals(2, second.next(WAIT).get("watchers").asInt());
            JsonNode joined = first.next(WAIT);
            assertEquals("presence", joined.get("type").asText());
            assertEquals(2, joined.get("watchers").asInt());
            second.close();
            JsonNode left = first.next(WAIT);
            assertEquals("presence", left.get("type").asText());
            assertEquals(1, left.get("watchers").asInt());
        }
    }

    @Test
    void personalNotificationsReachTheRightUserOnly() {
        UUID outbid = UUID.randomUUID();
        UUID winner = UUID.randomUUID();
        UUID seller = UUID.randomUUID();
        String auction = UUID.randomUUID().toString();
        BiddingStateStub.state(auction, 0, "5.00");
        try (WsTestClient watcher = WsTestClient.connect(ws("/ws/auctions/" + auction));
             WsTestClient outbidFeed = WsTestClient.connect(ws("/ws/notifications?access_token="
                     + TestTokens.user(outbid, "Olga")));
             WsTestClient winnerFeed = WsTestClient.connect(ws("/ws/notifications"), "bearer",
                     TestTokens.user(winner, "Will"));
             WsTestClient sellerFeed = WsTestClient.connect(ws("/ws/notifications?access_token="
                     + TestTokens.user(seller, "Sam")))) {
            watcher.next(WAIT);
            for (WsTestClient feed : List.of(outbidFeed, winnerFeed, sellerFeed)) {
                JsonNode unread = feed.next(WAIT); // a personal feed opens with the inbox's unread count
                assertEquals("unread-count", unread.get("type").asText());
                assertEquals(0, unread.get("count").asInt());
            }
            awaitConsumerReady(auction, watcher);

            UUID auctionId = UUID.fromString(auction);
            KafkaTestClient.publish(TestEvents.bidPlaced(UUID.randomUUID(), auctionId, winner, "Will", outbid,
                    "20.00", 2));
            JsonNode outbidFrame = outbidFeed.next(WAIT);
            assertEquals("outbid", outbidFrame.get("type").asText());
            assertEquals(auction, outbidFrame.get("auctionId").asText());
            assertEquals(0, new BigDecimal("20").compareTo(outbidFrame.get("currentPrice").decimalValue()));

            AuctionClosed closedEvent = TestEvents.sold(auctionId, seller, winner, "Will", "20.00", 2, 3);
            KafkaTestClient.publish(closedEvent);
            KafkaTestClient.publish(closedEvent); // redelivered: notifies once
            JsonNode won = winnerFeed.next(WAIT);
            assertEquals("auction-won", won.get("type").asText());
            assertEquals(0, new BigDecimal("20").compareTo(won.get("finalPrice").decimalValue()));
            assertEquals("auction-sold", sellerFeed.next(WAIT).get("type").asText());
            // the watcher's closing frame proves both closed events were processed
            await().atMost(WAIT).until(() -> watcher.pending() >= 2);
            assertEquals(0, outbidFeed.pending(), "the outbid user is told nothing about the close");
            assertEquals(0, winnerFeed.pending(), "the winner was not told twice, nor about the outbid");
            assertEquals(0, sellerFeed.pending());
        }
    }

    @Test
    void connectionsOverTheLimitAreTurnedAwayWith1013() {
        String auction = UUID.randomUUID().toString();
        BiddingStateStub.state(auction, 0, "5.00");
        List<WsTestClient> clients = new ArrayList<>();
        try {
            int turnedAway = 0;
            for (int i = 0; i < 101 && turnedAway == 0; i++) { // the test profile allows 100
                // each from an address of its own: the per-address cap is not what is tested here
                WsTestClient client = WsTestClient.connectFrom(ws("/ws/auctions/" + auction), "10.13." + (i / 250) + "." + (i % 250));
                clients.add(client);
                JsonNode first;
                try {
                    first = client.next(Duration.ofSeconds(3));
                } catch (AssertionError noFrame) {
                    first = null;
                }
                if (first == null) {
                    assertEquals(1013, client.awaitClose(WAIT));
                    turnedAway++;
                }
            }
            assertEquals(1, turnedAway, "one connection over the limit is refused");
            assertEquals(101, clients.size(), "the first 100 connections were accepted");
        } finally {
            clients.forEach(WsTestClient::close);
        }
    }

    @Test
    void badTokensAreRefusedAtTheHandshake() {
        UUID user = UUID.randomUUID();
        assertEquals(401, WsTestClient.handshakeStatus(ws("/ws/notifications")));
        assertEquals(401, WsTestClient.handshakeStatus(ws("/ws/notifications?access_token=garbage")));
        assertEquals(401, WsTestClient.handshakeStatus(ws("/ws/notifications?access_token="
                + TestTokens.expired(user, "Old"))));
        assertEquals(401, WsTestClient.handshakeStatus(ws("/ws/notifications?access_token="
                + TestTokens.foreignKey(user, "Mallory"))));
        assertEquals(401, WsTestClient.handshakeStatus(ws("/ws/notifications"), "bearer",
                TestTokens.unsigned(user, "Mallory")));
        assertEquals(0, WsTestClient.handshakeStatus(ws("/ws/notifications"), "bearer", TestTokens.user(user, "Ok")));
    }

    @Test
    void aSlowClientIsDroppedWhileAFastOneKeepsReceiving() {
        String auction = UUID.randomUUID().toString();
        BiddingStateStub.state(auction, 0, "1.00");
        try (WsTestClient fast = WsTestClient.connect(ws("/ws/auctions/" + auction));
             WsTestClient slow = WsTestClient.connectWithoutReading(ws("/ws/auctions/" + auction))) {
            fast.next(WAIT); // snapshot
            awaitConsumerReady(auction, fast);
            // three frames of 300 KB, more than a socket's buffers hold for a client that reads nothing (even when
            // the gateway conflates them into one snapshot), then more frames than the 2,000 it may fall behind (test
            // profile), while a client that reads never falls 2,000 frames behind
            int frames = 3_000;
            String large = "x".repeat(300_000);
            List<String> events = new ArrayList<>(frames);
            for (int i = 0; i < frames; i++) {
                String bidder = i < 3 ? "Bob " + large : "Bob";
                events.add(TestEvents.json(TestEvents.bidPlaced(UUID.fromString(auction), bidder, "2.00", 1000 + i)));
            }
            // the engine moved on to 999 meanwhile: the jump from 1 to 1000 gets the fresh snapshot (999) first
            BiddingStateStub.state(auction, 999, "2.00");
            KafkaTestClient.sendAll(Topics.BID_PLACED, auction, events);
            long last = -1;
            while (last < 1000 + frames - 1) {
                JsonNode frame = fast.next(Duration.ofSeconds(30));
                if (frame.has("sequence")) {
                    assertTrue(frame.get("sequence").asLong() > last, "in order");
                    last = frame.get("sequence").asLong();
                }
            }
            String metrics = given().get("/q/metrics").asString();
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("gavel_gateway_clients_dropped_slow_total")
                    && !l.endsWith(" 0.0")), "the slow client was dropped:\n" + metrics.lines()
                    .filter(l -> l.startsWith("gavel_gateway")).toList());
            assertTrue(metrics.contains("gavel_gateway_event_to_frame_seconds"));
            assertTrue(metrics.contains("gavel_gateway_connections"));
        }
    }

    @Test
    void aClientThatFallsBehindSkipsToAFreshSnapshotOfTheLatestState() {
        String auction = UUID.randomUUID().toString();
        BiddingStateStub.state(auction, 0, "1.00");
        try (WsTestClient fast = WsTestClient.connect(ws("/ws/auctions/" + auction));
             WsTestClient paused = WsTestClient.connectWithoutReading(ws("/ws/auctions/" + auction))) {
            fast.next(WAIT); // snapshot
            awaitConsumerReady(auction, fast);
            // 300 frames of ~60 KB: more than the socket buffers hold for a client that does not read (so it is
            // conflated), fewer than the 2,000 it may skip before it counts as too slow
            int frames = 300;
            String padding = "x".repeat(60_000);
            List<String> events = new ArrayList<>(frames);
            for (int i = 1; i <= frames; i++) {
                events.add(TestEvents.json(TestEvents.bidPlaced(UUID.fromString(auction), "Bob " + padding,
                        i + ".00", i)));
            }
            KafkaTestClient.sendAll(Topics.BID_PLACED, auction, events);
            long last = 0;
            while (last < frames) {
                last = fast.next(Duration.ofSeconds(30)).path("sequence").asLong(last);
            }
            paused.startReading();
            List<JsonNode> received = new ArrayList<>();
            JsonNode frame;
            do {
                frame = paused.next(Duration.ofSeconds(30));
                if (frame.has("sequence")) {
                    received.add(frame);
                }
            } while (frame.path("sequence").asLong() < frames);
            long previous = -1;
            boolean skipped = false;
            for (JsonNode f : received) {
                long sequence = f.get("sequence").asLong();
                assertTrue(sequence > previous, "never twice, never backwards: " + sequence + " after " + previous);
                if (sequence > previous + 1 && previous >= 0) {
                    skipped = true;
                    assertEquals("snapshot", f.get("type").asText(), "a gap is marked by a snapshot");
                }
                previous = sequence;
            }
            assertTrue(skipped, "the client that fell behind skipped frames");
            JsonNode latest = received.get(received.size() - 1);
            assertEquals("snapshot", latest.get("type").asText());
            assertEquals(frames + ".00", latest.get("currentPrice").decimalValue().setScale(2).toPlainString(),
                    "the catch-up snapshot is the latest state, not the engine's stub");
            assertTrue(latest.get("leadingBidder").get("displayName").asText().startsWith("Bob"));
            assertFalse(paused.isClosed(), "a client that catches up is not dropped");
        }
    }

    @Test
    void thePersonalSocketClosesWhenItsTokenExpires() {
        UUID user = UUID.randomUUID();
        try (WsTestClient feed = WsTestClient.connect(ws("/ws/notifications?access_token="
                + TestTokens.expiringIn(user, "Brief", Duration.ofSeconds(2))))) {
            assertEquals(4401, feed.awaitClose(WAIT), "closed at the token's expiry");
        }
    }

    @Test
    void aClientThatKeepsSendingMessagesIsClosed() {
        String auction = UUID.randomUUID().toString();
        BiddingStateStub.state(auction, 0, "5.00");
        try (WsTestClient chatty = WsTestClient.connect(ws("/ws/auctions/" + auction))) {
            chatty.next(WAIT); // snapshot
            for (int i = 0; i < 20; i++) {
                try {
                    chatty.sendText("hello " + i);
                } catch (RuntimeException closedMeanwhile) {
                    break;
                }
            }
            assertEquals(1008, chatty.awaitClose(WAIT), "policy violation");
        }
    }

    @Test
    void aMessageOverTheSizeLimitClosesTheSocket() {
        String auction = UUID.randomUUID().toString();
        BiddingStateStub.state(auction, 0, "5.00");
        try (WsTestClient big = WsTestClient.connect(ws("/ws/auctions/" + auction))) {
            big.next(WAIT);
            big.sendText("x".repeat(4096));
            int code = big.awaitClose(WAIT);
            // 1009 (message too big) when a close frame gets through; the server may also just drop the TCP (1006)
            assertTrue(code == 1009 || code == 1006, "closed: " + code);
        }
    }

    @Test
    void oneAddressCannotTakeAllTheConnections() {
        String auction = UUID.randomUUID().toString();
        BiddingStateStub.state(auction, 0, "5.00");
        List<WsTestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 90; i++) { // the test profile allows 90 per address
                WsTestClient client = WsTestClient.connectFrom(ws("/ws/auctions/" + auction), "10.77.0.1");
                clients.add(client);
                assertEquals("snapshot", client.next(WAIT).get("type").asText());
            }
            WsTestClient oneTooMany = WsTestClient.connectFrom(ws("/ws/auctions/" + auction), "10.77.0.1");
            clients.add(oneTooMany);
            assertEquals(4429, oneTooMany.awaitClose(WAIT), "the address holds its share already");
            WsTestClient other = WsTestClient.connectFrom(ws("/ws/auctions/" + auction), "10.77.0.2");
            clients.add(other);
            assertEquals("snapshot", other.next(WAIT).get("type").asText(), "another address still connects");
        } finally {
            clients.forEach(WsTestClient::close);
        }
    }
}
