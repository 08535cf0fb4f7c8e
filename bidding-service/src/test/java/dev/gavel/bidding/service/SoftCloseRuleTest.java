package dev.gavel.bidding.service;

import dev.gavel.events.SoftClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SoftCloseRuleTest {

    static final Instant END = Instant.parse("2030-01-01T12:00:00Z");

    @ParameterizedTest(name = "{0} window {1} extension {2}, bid {3} s before the end -> {4}")
    @CsvSource(nullValues = "none", value = {
            "EXTEND, PT60S, PT30S, 61, none",                  // outside the window: the end stays
            "EXTEND, PT60S, PT30S, 60, 2030-01-01T12:00:30Z",  // at the window's edge: end + extension
            "EXTEND, PT60S, PT30S, 1,  2030-01-01T12:00:30Z",
            "RESET,  PT60S, PT120S, 10, 2030-01-01T12:01:50Z", // now + extension
            "RESET,  PT60S, PT30S, 40, none",                  // now + extension is not later than the end
            "none,   none,  none,  1,  none",                  // no soft close
    })
    void theEndMovesOnlyForABidInTheWindow(SoftClose.Mode mode, String window, String extension, long secondsBefore,
            Instant expected) {
        SoftClose terms = mode == null ? null : new SoftClose(window, extension, mode);
        assertEquals(expected, SoftCloseRule.extendedEnd(terms, END, END.minusSeconds(secondsBefore)));
    }
}
