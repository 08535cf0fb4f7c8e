package dev.gavel.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.gavel.events.AuctionClosed;
import dev.gavel.events.GavelEvent;
import dev.gavel.events.BidPlaced;
import dev.gavel.events.Outcome;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Event payloads for tests, built from the {@code gavel-events} records (never hand-written JSON), so a test's event
 * is always one a producer could send.
 */
public final class TestEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private TestEvents() {
    }

    /** The record as JSON, the way the services write events. */
    public static String json(GavelEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@code bid-placed} with a new event id, from a bidder named {@code bidder}, that leaves the price at {@code price}. */
    public static BidPlaced bidPlaced(UUID auctionId, String bidder, String price, long sequence) {
        return bidPlaced(UUID.randomUUID(), auctionId, UUID.randomUUID(), bidder, null, price, sequence);
    }

    /** A {@code bid-placed} with every identity chosen by the test. */
    public static BidPlaced bidPlaced(UUID eventId, UUID auctionId, UUID bidderId, String bidder, UUID previousLeaderId,
            String price, long sequence) {
        BigDecimal amount = new BigDecimal(price);
        return new BidPlaced(eventId, auctionId, UUID.randomUUID(), bidderId, bidder, amount, false, "EUR", amount,
                amount.add(BigDecimal.ONE), sequence - 1, bidderId, previousLeaderId,
                Instant.parse("2030-01-01T00:00:00Z"), false, Instant.now(), sequence);
    }

    /** An {@code auction-closed} SOLD to {@code winnerId} at {@code price}. */
    public static AuctionClosed sold(UUID auctionId, UUID sellerId, UUID winnerId, String winner, String price,
            long bidCount, long sequence) {
        return new AuctionClosed(UUID.randomUUID(), auctionId, sellerId, Outcome.SOLD, winnerId, winner,
                new BigDecimal(price), "EUR", bidCount, Instant.now(), sequence);
    }

    /** An {@code auction-closed} UNSOLD (nobody won). */
    public static AuctionClosed unsold(UUID auctionId, UUID sellerId, long bidCount, long sequence) {
        return new AuctionClosed(UUID.randomUUID(), auctionId, sellerId, Outcome.UNSOLD, null, null, null, "EUR",
                bidCount, Instant.now(), sequence);
    }
}
