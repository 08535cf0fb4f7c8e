package dev.gavel.bidding.service;

import dev.gavel.bidding.BidderPosition;
import dev.gavel.bidding.api.BidDtos.PlaceBidRequest;
import dev.gavel.common.security.Caller;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a bidder's position keeps of the client address an accepted bid came from ({@code BidRules.remember}). */
class RememberedAddressTest {

    private static final Instant KEPT_AT = Instant.parse("2026-12-03T10:00:00Z");

    @ParameterizedTest(name = "kept {0}, a bid from {1} 30 min later: keeps {2} seen {3} min after the kept time")
    @CsvSource(nullValues = "none", value = {
            // kept  bid from  then kept  seen, minutes after KEPT_AT
            "none,   a1,       a1,        30", // first address: kept with the bid's time
            "a1,     a1,       a1,        0",  // same address within the hour: time unchanged
            "a1,     a2,       a2,        30", // another address: kept with the bid's time
            "a1,     none,     a1,        0",  // no address on the request: nothing changes
    })
    void halfAnHourLater(String kept, String from, String expected, long seenMinutes) {
        BidderPosition position = position(kept, KEPT_AT);

        BidRules.remember(position, command(from), KEPT_AT.plus(Duration.ofMinutes(30)));

        assertEquals(expected, position.addressHash);
        assertEquals(KEPT_AT.plus(Duration.ofMinutes(seenMinutes)), position.addressSeenAt);
    }

    @ParameterizedTest(name = "same address {0} min after the kept time: seen at {1} min")
    @CsvSource({
            "59,  0",  // less than ADDRESS_SEEN_STEP old: kept
            "60,  60", // that old: renewed
            "600, 600",
    })
    void renewedOnceAnHourOld(long minutesLater, long expectedMinutes) {
        BidderPosition position = position("a1", KEPT_AT);

        BidRules.remember(position, command("a1"), KEPT_AT.plus(Duration.ofMinutes(minutesLater)));

        assertEquals(KEPT_AT.plus(Duration.ofMinutes(expectedMinutes)), position.addressSeenAt);
    }

    private static BidderPosition position(String addressHash, Instant seenAt) {
        BidderPosition position = new BidderPosition();
        position.addressHash = addressHash;
        position.addressSeenAt = addressHash == null ? null : seenAt;
        return position;
    }

    private static Command command(String addressHash) {
        UUID auction = UUID.randomUUID();
        return Command.bid(new PlaceBidRequest(auction, new BigDecimal("10.00"), null),
                new Caller(UUID.randomUUID(), "Ann", false, true), null, KEPT_AT, addressHash);
    }
}
