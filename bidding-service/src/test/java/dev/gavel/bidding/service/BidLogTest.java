package dev.gavel.bidding.service;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bid log's rules: the canonical text, the chain, and where a changed, removed or moved entry breaks it. */
class BidLogTest {

    static final UUID AUCTION = UUID.fromString("11111111-2222-3333-4444-555555555555");
    static final Instant T = Instant.parse("2026-12-01T10:00:00.123456789Z");

    static List<BidLog.Entry> chain(int length) {
        List<BidLog.Entry> entries = new ArrayList<>();
        String prev = BidLog.GENESIS;
        for (int i = 1; i <= length; i++) {
            UUID bid = UUID.nameUUIDFromBytes(("bid" + i).getBytes());
            BigDecimal amount = new BigDecimal(10 + i);
            String hash = BidLog.hash(prev, BidLog.canonical(AUCTION, i, bid, amount, i % 2 == 0, T.plusSeconds(i),
                    "bidder-" + (i % 3 + 1)));
            entries.add(new BidLog.Entry(i, bid, "bidder-" + (i % 3 + 1), amount, i % 2 == 0, T.plusSeconds(i), prev,
                    hash));
            prev = hash;
        }
        return entries;
    }

    @Test
    void theCanonicalTextIsWhatTheDocsSay() {
        UUID bid = UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        assertEquals("11111111-2222-3333-4444-555555555555|7|aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee|12.50|false|"
                + "2026-12-01T10:00:00.123456Z|bidder-2",
                BidLog.canonical(AUCTION, 7, bid, new BigDecimal("12.5"), false, T, "bidder-2"));
        // sha256("000...0\n" + "x"), computed independently with: printf '%064d\nx' 0 | sha256sum
        assertEquals("0152f4f98e11e409b35bfa9b5e18c329427b7f29deedbc071733db222ce38158",
                BidLog.hash(BidLog.GENESIS, "x"));
    }

    @Test
    void anIntactChainVerifies() {
        assertEquals(OptionalLong.empty(), BidLog.firstBroken(AUCTION, chain(5)));
        assertEquals(OptionalLong.empty(), BidLog.firstBroken(AUCTION, List.of()));
    }

    @Test
    void aChangedAmountBreaksTheChainAtThatEntry() {
        List<BidLog.Entry> entries = new ArrayList<>(chain(5));
        BidLog.Entry third = entries.get(2);
        entries.set(2, new BidLog.Entry(third.sequence(), third.bidId(), third.bidder(), third.amount().add(BigDecimal.ONE),
                third.automatic(), third.placedAt(), third.prevHash(), third.hash()));
        assertEquals(OptionalLong.of(3), BidLog.firstBroken(AUCTION, entries));
    }

    @Test
    void aRemovedOrMovedEntryBreaksTheChain() {
        List<BidLog.Entry> removed = new ArrayList<>(chain(5));
        removed.remove(1);
        assertEquals(OptionalLong.of(3), BidLog.firstBroken(AUCTION, removed));
        List<BidLog.Entry> swapped = new ArrayList<>(chain(5));
        BidLog.Entry second = swapped.get(1);
        swapped.set(1, swapped.get(3));
        swapped.set(3, second);
        assertTrue(BidLog.firstBroken(AUCTION, swapped).isPresent());
        assertEquals(OptionalLong.of(4), BidLog.firstBroken(AUCTION, swapped));
    }
}
