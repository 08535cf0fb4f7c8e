package dev.gavel.events;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AuctionTypeTest {

    @ParameterizedTest(name = "{0}: {1} better than {2} = {3}, reaches = {4}")
    @CsvSource({
            "FORWARD, 11.00, 10.00, true,  true",
            "FORWARD, 10.00, 10.00, false, true",
            "FORWARD,  9.99, 10.00, false, false",
            "FORWARD, 10.0,  10.00, false, true",
            "REVERSE,  9.00, 10.00, true,  true",
            "REVERSE, 10.00, 10.00, false, true",
            "REVERSE, 10.01, 10.00, false, false",
    })
    void betterAndReachesFollowTheType(AuctionType type, BigDecimal x, BigDecimal y, boolean better, boolean reaches) {
        assertEquals(better, type.better(x, y));
        assertEquals(reaches, type.reaches(x, y));
    }
}
