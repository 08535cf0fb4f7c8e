package dev.gavel.bidding.service;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ShillRulesTest {

    private static final Instant DAY_ONE = Instant.parse("2026-11-01T10:00:00Z");

    /**
     * bids on the seller, bids in all, sold auctions of the seller bid on, of them won, hours from the first bid
     * anywhere to the first on this seller -> score, number of reasons.
     */
    @ParameterizedTest(name = "{0}/{1} bids, {2} sold bid on, {3} won, first on seller after {4} h -> {5}")
    @CsvSource({
            // concentration: at least 5 bids, at least 80 % on the seller
            "4, 5, 0, 0, 100, 40, 1",
            "3, 5, 0, 0, 100, 0, 0",
            "4, 4, 0, 0, 100, 0, 0",      // fewer than 5 bids in all: too little to say
            // pushes, never wins: 3 sold auctions of the seller, none won
            "3, 10, 3, 0, 100, 40, 1",
            "3, 10, 3, 1, 100, 0, 0",     // won one: a real buyer
            "2, 10, 2, 0, 100, 0, 0",     // losing twice to a seller is normal
            // new to the engine: only adds to another rule
            "2, 10, 0, 0, 3, 20, 1",
            "6, 6, 3, 0, 0, 100, 3",      // the whole pattern
            "6, 6, 3, 0, 24, 80, 2",      // 24 h is not "less than 24 h"
    })
    void eachRuleAtItsThresholds(long onSeller, long inAll, long sold, long won, long hours, int score, int reasons) {
        ShillRules.Signal signal = ShillRules.score(new ShillRules.PairStats(UUID.randomUUID(), UUID.randomUUID(),
                onSeller, inAll, sold, won, DAY_ONE, DAY_ONE.plusSeconds(hours * 3600)));
        assertEquals(score, signal.score());
        assertEquals(reasons, signal.reasons().size(), String.valueOf(signal.reasons()));
    }
}
