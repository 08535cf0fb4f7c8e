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
     * anywhere to the first on this seller, auctions bid on from the seller's listing address, hours from the
     * account's creation to the first bid on this seller (-1: the token did not say) -> score, number of reasons.
     */
    @ParameterizedTest(name = "{0}/{1} bids, {2} sold bid on, {3} won, first on seller after {4} h, {5} shared, account {6} h -> {7}")
    @CsvSource({
            // concentration: at least 5 bids, at least 80 % on the seller
            "4, 5, 0, 0, 100, 0, -1, 40, 1",
            "3, 5, 0, 0, 100, 0, -1, 0, 0",
            "4, 4, 0, 0, 100, 0, -1, 0, 0",      // fewer than 5 bids in all: too little to say
            // pushes, never wins: 3 sold auctions of the seller, none won
            "3, 10, 3, 0, 100, 0, -1, 40, 1",
            "3, 10, 3, 1, 100, 0, -1, 0, 0",     // won one: a real buyer
            "2, 10, 2, 0, 100, 0, -1, 0, 0",     // losing twice to a seller is normal
            // shared address: one auction bid on from the seller's listing address is enough
            "2, 10, 0, 0, 100, 1, -1, 40, 1",
            "2, 10, 0, 0, 100, 0, -1, 0, 0",
            // new to the engine (no account date): only adds to another rule
            "2, 10, 0, 0, 3, 0, -1, 20, 1",
            "6, 6, 3, 0, 0, 0, -1, 100, 3",      // the whole pattern
            "6, 6, 3, 0, 24, 0, -1, 80, 2",      // 24 h is not "less than 24 h"
            // a new account: its creation date counts, not the first bid
            "2, 10, 0, 0, 100, 0, 23, 20, 1",
            "2, 10, 0, 0, 3, 0, 500, 0, 0",      // an old account bidding for the first time is not new
            "6, 6, 3, 0, 0, 2, 1, 100, 4",       // every rule: 140 points, capped at 100
    })
    void eachRuleAtItsThresholds(long onSeller, long inAll, long sold, long won, long hours, long shared,
            long accountHours, int score, int reasons) {
        Instant firstOnSeller = DAY_ONE.plusSeconds(hours * 3600);
        ShillRules.Signal signal = ShillRules.score(new ShillRules.PairStats(UUID.randomUUID(), UUID.randomUUID(),
                onSeller, inAll, sold, won, DAY_ONE, firstOnSeller, shared,
                accountHours < 0 ? null : firstOnSeller.minusSeconds(accountHours * 3600)));
        assertEquals(score, signal.score());
        assertEquals(reasons, signal.reasons().size(), String.valueOf(signal.reasons()));
    }
}
