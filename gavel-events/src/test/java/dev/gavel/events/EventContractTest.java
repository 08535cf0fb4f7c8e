package dev.gavel.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON of every event carries exactly the fields CONTRACT.md §7 promises (plus documented additions). */
class EventContractTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Instant now = Instant.parse("2026-11-21T10:00:00Z");
    private final UUID id = UUID.randomUUID();

    @Test
    void auctionPublished() throws Exception {
        var event = new AuctionPublished(id, id, id, "t", AuctionType.FORWARD, "EUR", BigDecimal.ONE, null, null,
                BigDecimal.ONE, new SoftClose("PT60S", "PT60S", SoftClose.Mode.EXTEND), now, now, now);
        JsonNode json = roundTrip(event, AuctionPublished.class);
        assertFields(json, "eventId", "auctionId", "sellerId", "title", "type", "currency", "startingPrice",
                "reservePrice", "buyNowPrice", "minIncrement", "softClose", "startsAt", "endsAt", "publishedAt",
                "depositRequired", "sellerAddressHash");
        assertEquals("PT60S", json.get("softClose").get("window").asText());
        assertEquals("2026-11-21T10:00:00Z", json.get("publishedAt").asText());
    }

    @Test
    void auctionCancelled() throws Exception {
        assertFields(roundTrip(new AuctionCancelled(id, id, now, "seller"), AuctionCancelled.class),
                "eventId", "auctionId", "cancelledAt", "reason");
    }

    @Test
    void bidPlaced() throws Exception {
        var event = new BidPlaced(id, id, id, id, "Bob", new BigDecimal("10.50"), false, "EUR",
                new BigDecimal("10.50"), new BigDecimal("11.50"), 1, id, null, now, false, now, 3);
        JsonNode json = roundTrip(event, BidPlaced.class);
        assertTrue(mapper.writeValueAsString(event).contains("\"amount\":10.50"), "money keeps its two decimals");
        assertFields(json, "eventId", "auctionId", "bidId", "bidderId", "bidderDisplayName", "amount", "automatic",
                "currency", "currentPrice", "minNextBid", "bidCount", "leaderId", "previousLeaderId", "endsAt",
                "extended", "placedAt", "sequence", "hash", "title");
    }

    @Test
    void userEvents() throws Exception {
        assertFields(roundTrip(new UserSuspended(id, id, "shill bidding", now), UserSuspended.class),
                "eventId", "userId", "reason", "at");
        assertFields(roundTrip(new UserReinstated(id, id, null, now), UserReinstated.class),
                "eventId", "userId", "reason", "at");
        var revoked = new UserSessionsRevoked(id, id, null, UserSessionsRevoked.PASSWORD_CHANGED, now);
        assertFields(roundTrip(revoked, UserSessionsRevoked.class), "eventId", "userId", "sessionId", "reason", "at");
        assertEquals(id.toString(), revoked.key(), "account events are keyed by the user");
        assertEquals("user-service", Topics.producerOf(revoked.topic()));
        assertTrue(revoked.covers(UUID.randomUUID()), "no session id: every session");
        UUID session = UUID.randomUUID();
        var logout = new UserSessionsRevoked(id, id, session, UserSessionsRevoked.LOGOUT, now);
        assertTrue(logout.covers(session));
        assertTrue(!logout.covers(UUID.randomUUID()), "a logout ends that session only");
    }

    @Test
    void auctionClosed() throws Exception {
        var event = new AuctionClosed(id, id, id, Outcome.SOLD, id, "Bob", BigDecimal.TEN, "EUR", 2, now, 4);
        assertFields(roundTrip(event, AuctionClosed.class), "eventId", "auctionId", "sellerId", "outcome",
                "winnerId", "winnerDisplayName", "finalPrice", "currency", "bidCount", "closedAt", "sequence",
                "logHead", "title", "runnerUpId", "runnerUpAmount");
    }

    @Test
    void paymentEvents() throws Exception {
        var created = new OrderChanged(id, OrderChanged.Change.CREATED, id, id, id, id, "Lamp",
                new BigDecimal("110.00"), "EUR", false, now, null, null, now);
        assertFields(roundTrip(created, OrderChanged.class), "eventId", "change", "orderId", "auctionId", "buyerId",
                "sellerId", "title", "total", "currency", "secondChance", "dueAt", "carrier", "trackingNumber", "at");
        assertEquals("order-created", created.topic());
        assertEquals("order-cancelled", new OrderChanged(id, OrderChanged.Change.CANCELLED, id, id, id, id, "Lamp",
                BigDecimal.TEN, "EUR", false, now, null, null, now).topic());
        for (OrderChanged.Change change : OrderChanged.Change.values()) {
            assertEquals("payment-service", Topics.producerOf(change.topic()));
        }
        assertFields(roundTrip(new BidderApproved(id, id, id, BigDecimal.TEN, "EUR", now), BidderApproved.class),
                "eventId", "auctionId", "bidderId", "amount", "currency", "at");
        assertFields(roundTrip(new DepositReleased(id, id, id, BigDecimal.TEN, "EUR", now), DepositReleased.class),
                "eventId", "auctionId", "bidderId", "amount", "currency", "at");
        assertEquals(id.toString(), new DepositReleased(id, id, UUID.randomUUID(), BigDecimal.TEN, "EUR", now).key(),
                "deposit events are keyed by the auction");
    }

    @Test
    void userAddressChanged() throws Exception {
        var address = new UserAddressChanged.PostalAddress("Ada L", "1 Main St", null, "Vienna", "1010", null, "AT",
                null);
        JsonNode json = roundTrip(new UserAddressChanged(id, id, address, now), UserAddressChanged.class);
        assertFields(json, "eventId", "userId", "address", "at");
        assertEquals("Vienna", json.get("address").get("city").asText());
        assertEquals("user-service", Topics.producerOf(Topics.USER_ADDRESS_CHANGED));
    }

    @Test
    void cloudEventTypeNamesTheTopic() {
        assertEquals("dev.gavel.bid-placed", new AuctionCancelled(id, id, now, "x").cloudEventType()
                .replace(Topics.AUCTION_CANCELLED, Topics.BID_PLACED));
        assertTrue(Topics.ALL.contains(new AuctionCancelled(id, id, now, "x").topic()));
    }

    private <T> JsonNode roundTrip(T event, Class<T> type) throws Exception {
        String json = mapper.writeValueAsString(event);
        assertEquals(event, mapper.readValue(json, type), "an event reads back as it was written");
        return mapper.readTree(json);
    }

    private static void assertFields(JsonNode json, String... expected) {
        Set<String> actual = new TreeSet<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            actual.add(it.next());
        }
        assertEquals(new TreeSet<>(Set.of(expected)), actual);
    }
}
