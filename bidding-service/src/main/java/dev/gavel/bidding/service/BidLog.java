package dev.gavel.bidding.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The tamper-evident bid log as pure rules (CONTRACT §4b, written down in docs/api.md so anyone can recompute it):
 * {@code hash = hex(SHA-256(prevHash + "\n" + canonical))}, where the first entry's {@code prevHash} is 64 zeros and
 * {@code canonical} is the UTF-8 text
 * {@code auctionId|sequence|bidId|amount|automatic|placedAt|bidder}: ids in lower-case hex with dashes, the amount
 * with two decimals, {@code true}/{@code false}, {@code placedAt} in ISO-8601 UTC truncated to microseconds, and the
 * bidder's per-auction pseudonym.
 */
public final class BidLog {

    public static final String GENESIS = "0".repeat(64);

    /** One entry as the log serves it. */
    public record Entry(long sequence, UUID bidId, String bidder, BigDecimal amount, boolean automatic,
            Instant placedAt, String prevHash, String hash) {
    }

    private BidLog() {
    }

    public static String canonical(UUID auctionId, long sequence, UUID bidId, BigDecimal amount, boolean automatic,
            Instant placedAt, String bidder) {
        return auctionId + "|" + sequence + "|" + bidId + "|" + amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString()
                + "|" + automatic + "|" + placedAt.truncatedTo(ChronoUnit.MICROS) + "|" + bidder;
    }

    public static String hash(String prevHash, String canonical) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest((prevHash + "\n" + canonical).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Recomputes the chain of an auction's entries in sequence order; the sequence of the first entry that does not
     * match (its fields were changed, or an entry before it was removed, changed or moved), if any.
     */
    public static OptionalLong firstBroken(UUID auctionId, List<Entry> entries) {
        String prev = GENESIS;
        for (Entry e : entries) {
            String expected = hash(prev, canonical(auctionId, e.sequence(), e.bidId(), e.amount(), e.automatic(),
                    e.placedAt(), e.bidder()));
            if (!prev.equals(e.prevHash()) || !expected.equals(e.hash())) {
                return OptionalLong.of(e.sequence());
            }
            prev = e.hash();
        }
        return OptionalLong.empty();
    }
}
