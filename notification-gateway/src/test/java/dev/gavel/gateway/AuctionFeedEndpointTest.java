package dev.gavel.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.events.BidPlaced;
import dev.gavel.gateway.service.AuctionFeeds;
import dev.gavel.gateway.service.Connections;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.TestEvents;
import dev.gavel.testkit.WsTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-auction feed against a real Kafka broker. */
@GatewayTest
class AuctionFeedEndpointTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/")
    URI base;

    @Inject
    AuctionFeeds feeds;

    @Inject
    Connections connections;

    @Inject
    MeterRegistry registry;

    URI feed(String auctionId) {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/ws/auctions/" + auctionId);
    }

    @Test
    void snapshotThenBidsAndCloseInOrderWithoutDuplicatesOrGoingBackwards() {
        UUID auctionId = UUID.randomUUID();
        String auction = auctionId.toString();
        BiddingStateStub.state(auction, 1, "10.00");
        try (WsTestClient client = WsTestClient.connect(feed(auction))) {
            JsonNode snapshot = client.next(WAIT);
            assertEquals("snapshot", snapshot.get("type").asText());
            assertEquals(auction, snapshot.get("auctionId").asText());
            assertEquals(1, snapshot.get("sequence").asLong());
            assertEquals(1, snapshot.get("watchers").asInt());
            assertEquals("10.00", snapshot.get("currentPrice").decimalValue().setScale(2).toPlainString());

            BidPlaced second = TestEvents.bidPlaced(auctionId, "Bob", "12.00", 2);
            // the consumer starts at the latest offset; keep sending the first event until the feed shows it
            awaitConsumerReady(client, second);
            JsonNode first = client.next(WAIT);
            assertEquals("bid-placed", first.get("type").asText());
            assertEquals(2, first.get("sequence").asLong());
            assertEquals("Bob", first.get("bidder").get("displayName").asText());

            KafkaTestClient.publish(second);                                              // duplicate
            KafkaTestClient.publish(TestEvents.bidPlaced(auctionId, "Bob", "11.00", 1));  // stale
            KafkaTestClient.publish(TestEvents.bidPlaced(auctionId, "Bob", "13.00", 3));
            KafkaTestClient.publish(TestEvents.sold(auctionId, UUID.randomUUID(), UUID.randomUUID(), "Bob", "13.00", 3, 4));

            JsonNode third = client.next(WAIT);
            assertEquals(3, third.get("sequence").asLong(), "duplicates and stale events are not shown");
            assertEquals("13.00", third.get("currentPrice").decimalValue().setScale(2).toPlainString());
            JsonNode closed = client.next(WAIT);
            assertEquals("auction-closed", closed.get("type").asText());
            assertEquals("SOLD", closed.get("outcome").asText());
            assertEquals("Bob", closed.get("winner").get("displayName").asText());
            assertEquals(4, closed.get("sequence").asLong());
        }
    }

    @Test
    void unknownAuctionsAreClosedWithAReason() {
        try (WsTestClient client = WsTestClient.connect(feed(UUID.randomUUID().toString()))) {
            assertEquals(4404, client.awaitClose(WAIT));
        }
        try (WsTestClient client = WsTestClient.connect(feed("not-a-uuid"))) {
            assertEquals(4404, client.awaitClose(WAIT));
        }
    }

    /** The endpoint serves every connection: one watcher closing must take away its own watcher, no other. */
    @Test
    void aWatcherThatClosesTakesOnlyItselfAway() {
        UUID auctionId = UUID.randomUUID();
        String auction = auctionId.toString();
        BiddingStateStub.state(auction, 1, "10.00");
        WsTestClient a = WsTestClient.connect(feed(auction));
        assertEquals(1, a.next(WAIT).get("watchers").asInt());
        try (WsTestClient b = WsTestClient.connect(feed(auction))) { // opened after A
            assertEquals(2, b.next(WAIT).get("watchers").asInt());
            assertEquals(connections.count(), connections.direct(),
                    "frames go straight to the sockets' Netty channels (the fan-out's fast path)");
            awaitConsumerReady(b, TestEvents.bidPlaced(auctionId, "Bob", "11.00", 2));
            nextOfType(b, "bid-placed");
            a.close();
            await().atMost(WAIT).until(() -> feeds.watchers(auctionId) == 1);

            KafkaTestClient.publish(TestEvents.bidPlaced(auctionId, "Carol", "12.00", 3));
            JsonNode frame = nextOfType(b, "bid-placed");
            assertEquals(3, frame.get("sequence").asLong(), "B still receives bids after A left");
            assertEquals("Carol", frame.get("bidder").get("displayName").asText());

            try (WsTestClient c = WsTestClient.connect(feed(auction))) {
                assertEquals(2, c.next(WAIT).get("watchers").asInt(), "C is told of B and itself, not of A");
            }
        }
        await().atMost(WAIT).until(() -> feeds.watchers(auctionId) == 0);
    }

    /** Connections come and go by the thousand: none of them leaves a watcher or a connection behind. */
    @Test
    void tenThousandConnectionsLeaveNoWatcherBehind() {
        UUID auctionId = UUID.randomUUID();
        BiddingStateStub.state(auctionId.toString(), 1, "10.00");
        HttpClient http = HttpClient.newHttpClient();
        int batch = 80; // the test profile allows 100 connections at once
        for (int opened = 0; opened < 10_000; opened += batch) {
            List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                CompletableFuture<Void> snapshot = new CompletableFuture<>();
                sockets.add(http.newWebSocketBuilder().buildAsync(feed(auctionId.toString()), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        snapshot.complete(null);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
                        snapshot.completeExceptionally(new AssertionError("closed before the snapshot: " + code));
                        return null;
                    }

                    @Override
                    public void onError(WebSocket socket, Throwable error) {
                        snapshot.completeExceptionally(error);
                    }
                }).thenCombine(snapshot, (socket, ignored) -> socket));
            }
            for (CompletableFuture<WebSocket> socket : sockets) {
                try {
                    socket.get(15, TimeUnit.SECONDS).sendClose(WebSocket.NORMAL_CLOSURE, "bye");
                } catch (Exception e) {
                    throw new AssertionError("connection " + opened + " did not get its snapshot", e);
                }
            }
            await().atMost(WAIT).pollInterval(Duration.ofMillis(2)).until(() -> connections.count() == 0);
        }
        assertEquals(0, feeds.watchers(auctionId), "no watcher of a closed connection is left on the auction");
        await().atMost(WAIT).until(() -> feeds.watchers() == 0);
        assertEquals(0, feeds.auctionsWatched(), "an auction nobody watches keeps no entry");
    }

    @Test
    void aForgedBidIsNeverShownToWatchers() {
        UUID auctionId = UUID.randomUUID();
        BiddingStateStub.state(auctionId.toString(), 1, "10.00");
        try (WsTestClient watcher = WsTestClient.connect(feed(auctionId.toString()))) {
            watcher.next(WAIT); // snapshot
            awaitConsumerReady(watcher, TestEvents.bidPlaced(auctionId, "Bob", "11.00", 2));
            nextOfType(watcher, "bid-placed");
            KafkaTestClient.forge(TestEvents.bidPlaced(auctionId, "Mallory", "9999.00", 3), "/gavel/auction-service");
            KafkaTestClient.forge(TestEvents.bidPlaced(auctionId, "Mallory", "9999.00", 4), null);
            KafkaTestClient.publish(TestEvents.bidPlaced(auctionId, "Carol", "12.00", 5));
            JsonNode frame = nextOfType(watcher, "bid-placed");
            assertEquals("Carol", frame.get("bidder").get("displayName").asText(), "the forgeries were skipped");
            assertEquals(5, frame.get("sequence").asLong());
        }
    }

    @Test
    void aGapInTheSequenceIsMarkedByAFreshSnapshot() {
        UUID auctionId = UUID.randomUUID();
        String auction = auctionId.toString();
        BiddingStateStub.state(auction, 0, "5.00");
        try (WsTestClient client = WsTestClient.connect(feed(auction))) {
            assertEquals(0, client.next(WAIT).get("sequence").asLong());
            awaitConsumerReady(client, TestEvents.bidPlaced(auctionId, "Bob", "10.00", 1));
            assertEquals(1, client.next(WAIT).get("sequence").asLong());

            // sequence 2 never reaches this replica; the engine is at 3 when 3 arrives
            BiddingStateStub.state(auction, 3, "14.00");
            KafkaTestClient.publish(TestEvents.bidPlaced(auctionId, "Eve", "14.00", 3));
            JsonNode fresh = nextOfType(client, "snapshot");
            assertEquals(3, fresh.get("sequence").asLong(), "the gap is replaced by the engine's state");
            assertEquals("14.00", fresh.get("currentPrice").decimalValue().setScale(2).toPlainString());

            KafkaTestClient.publish(TestEvents.bidPlaced(auctionId, "Bob", "12.00", 2)); // late: already covered
            KafkaTestClient.publish(TestEvents.bidPlaced(auctionId, "Bob", "15.00", 4));
            JsonNode next = nextOfType(client, "bid-placed");
            assertEquals(4, next.get("sequence").asLong(), "the frame after the snapshot continues from it");
        }
    }

    /**
     * Frames that arrive together go to each watcher in one write (one run of frames per fan-out task): every watcher
     * still gets each of them whole, in order and once, and the gateway wrote fewer times than it sent frames.
     */
    @Test
    void aBurstOfBidsReachesEveryWatcherWholeInOrderAndOnce() {
        UUID auctionId = UUID.randomUUID();
        String auction = auctionId.toString();
        BiddingStateStub.state(auction, 1, "10.00");
        try (WsTestClient a = WsTestClient.connect(feed(auction));
             WsTestClient b = WsTestClient.connect(feed(auction))) {
            assertEquals("snapshot", a.next(WAIT).get("type").asText());
            assertEquals("snapshot", b.next(WAIT).get("type").asText());
            awaitConsumerReady(a, TestEvents.bidPlaced(auctionId, "Bob", "11.00", 2));
            assertEquals(2, nextOfType(a, "bid-placed").get("sequence").asLong());
            assertEquals(2, nextOfType(b, "bid-placed").get("sequence").asLong());
            double framesBefore = registry.counter("gavel.gateway.frames.sent").count();
            double writesBefore = registry.counter("gavel.gateway.socket.writes").count();

            sendBurst(auctionId, 3, 8);

            for (WsTestClient watcher : List.of(a, b)) {
                for (int sequence = 3; sequence <= 8; sequence++) {
                    JsonNode frame = nextOfType(watcher, "bid-placed");
                    assertEquals(sequence, frame.get("sequence").asLong(), "every frame, in order, once");
                    assertEquals((10 + sequence) + ".00",
                            frame.get("currentPrice").decimalValue().setScale(2).toPlainString());
                }
            }
            double frames = registry.counter("gavel.gateway.frames.sent").count() - framesBefore;
            double writes = registry.counter("gavel.gateway.socket.writes").count() - writesBefore;
            assertEquals(12, frames, "six frames to each of two watchers");
            assertTrue(writes < frames, "frames that waited together went out together: " + writes + " writes");
        }
    }

    /**
     * More frames than conflate-after-frames (8) waiting together for a loop: the watcher gets one snapshot of the
     * latest state in their place (the gap it marks is allowed), then the feed goes on from it.
     */
    @Test
    void aBurstOfMoreThanEightBidsReachesAWatcherAsOneSnapshotOfTheLatestState() {
        UUID auctionId = UUID.randomUUID();
        String auction = auctionId.toString();
        BiddingStateStub.state(auction, 1, "10.00");
        try (WsTestClient watcher = WsTestClient.connect(feed(auction))) {
            assertEquals("snapshot", watcher.next(WAIT).get("type").asText());
            awaitConsumerReady(watcher, TestEvents.bidPlaced(auctionId, "Bob", "11.00", 2));
            assertEquals(2, nextOfType(watcher, "bid-placed").get("sequence").asLong());

            sendBurst(auctionId, 3, 40);

            List<JsonNode> frames = new ArrayList<>();
            long last = 2;
            while (last < 40) {
                JsonNode frame = watcher.next(WAIT);
                if (frame.has("sequence")) {
                    assertTrue(frame.get("sequence").asLong() > last, "never twice, never backwards");
                    last = frame.get("sequence").asLong();
                    frames.add(frame);
                }
            }
            assertTrue(frames.size() < 38, "the burst was conflated: " + frames.size() + " frames for 38 bids");
            assertTrue(frames.stream().anyMatch(f -> "snapshot".equals(f.get("type").asText())),
                    "the gap is marked by a snapshot");
            assertEquals("50.00", frames.get(frames.size() - 1).get("currentPrice").decimalValue().setScale(2)
                    .toPlainString(), "the last frame is the latest state");

            KafkaTestClient.publish(TestEvents.bidPlaced(auctionId, "Bob", "51.00", 41));
            assertEquals(41, nextOfType(watcher, "bid-placed").get("sequence").asLong(), "the feed goes on");
        }
    }

    /** Bids {@code from} to {@code to} (price 10 + sequence) in one go, as a storm's events reach Kafka. */
    static void sendBurst(UUID auctionId, int from, int to) {
        List<String> burst = new ArrayList<>();
        for (int sequence = from; sequence <= to; sequence++) {
            burst.add(TestEvents.json(TestEvents.bidPlaced(auctionId, "Carol", (10 + sequence) + ".00", sequence)));
        }
        KafkaTestClient.sendAll("bid-placed", auctionId.toString(), burst);
    }

    /** Sends {@code event} until the gateway's consumer (which starts at the latest offset) has shown it. */
    static void awaitConsumerReady(WsTestClient watcher, BidPlaced event) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            KafkaTestClient.publish(event);
            return watcher.pending() > 0;
        });
    }

    /** The next frame of the type, skipping presence frames. */
    static JsonNode nextOfType(WsTestClient client, String type) {
        JsonNode frame = client.next(WAIT);
        while (!type.equals(frame.get("type").asText())) {
            frame = client.next(WAIT);
        }
        return frame;
    }
}
