package dev.gavel.bidding.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The shill-bidding rules (docs/api.md, "Shill-bidding signals"): each scores one bidder–seller pair from what the
 * engine recorded, and says why. Pure: a table test checks each rule at its thresholds.
 * <ul>
 * <li><b>Concentration</b> (40): at least 5 bids in all, and at least 80 % of them on this seller's auctions.</li>
 * <li><b>Pushes, never wins</b> (40): bid on at least 3 of this seller's auctions that closed sold, won none of them
 * (the bids only pushed the price up for someone else).</li>
 * <li><b>Shared address</b> (40): the bidder bid on the seller's auction from the client address the seller listed it
 * from (both kept only as keyed hashes, for 30 days).</li>
 * <li><b>New account</b> (20): the bidder's account was created less than 24 hours before their first bid on this
 * seller (the account's date comes from the bidder's token; for tokens without it, their first bid anywhere stands
 * in).</li>
 * </ul>
 * A pair is a signal when its score reaches {@link #THRESHOLD}: one of the first three rules at least. Scores add up
 * to at most 100.
 */
public final class ShillRules {

    public static final int THRESHOLD = 40;
    static final int MIN_BIDS = 5;
    static final double CONCENTRATION = 0.8;
    static final int MIN_PUSHED = 3;
    static final Duration NEW_BIDDER = Duration.ofHours(24);

    /** What the engine knows of one bidder–seller pair. */
    public record PairStats(UUID bidderId, UUID sellerId, long bidsOnSeller, long bidsInAll, long soldAuctionsBidOn,
            long soldAuctionsWon, Instant firstBidAnywhere, Instant firstBidOnSeller, long sharedAddressAuctions,
            Instant accountCreatedAt) {
    }

    /** A scored pair with its reasons. */
    public record Signal(UUID bidderId, UUID sellerId, int score, List<String> reasons) {
    }

    private ShillRules() {
    }

    /** The pair's score and reasons (score 0 and no reasons when no rule applies). */
    public static Signal score(PairStats s) {
        int score = 0;
        List<String> reasons = new ArrayList<>();
        if (s.bidsInAll() >= MIN_BIDS && s.bidsOnSeller() >= CONCENTRATION * s.bidsInAll()) {
            score += 40;
            reasons.add("placed %d of their %d bids on this seller's auctions".formatted(s.bidsOnSeller(), s.bidsInAll()));
        }
        long pushed = s.soldAuctionsBidOn() - s.soldAuctionsWon();
        if (s.soldAuctionsWon() == 0 && pushed >= MIN_PUSHED) {
            score += 40;
            reasons.add("bid on %d of this seller's sold auctions and won none: the bids only raised the price"
                    .formatted(pushed));
        }
        if (s.sharedAddressAuctions() > 0) {
            score += 40;
            reasons.add("bid from the client address the seller listed from, on %d of their auctions"
                    .formatted(s.sharedAddressAuctions()));
        }
        Instant since = s.accountCreatedAt() != null ? s.accountCreatedAt() : s.firstBidAnywhere();
        if (since != null && s.firstBidOnSeller() != null
                && Duration.between(since, s.firstBidOnSeller()).compareTo(NEW_BIDDER) < 0) {
            score += 20;
            reasons.add(s.accountCreatedAt() != null
                    ? "account created less than 24 hours before bidding on this seller"
                    : "first seen bidding less than 24 hours before bidding on this seller");
        }
        return new Signal(s.bidderId(), s.sellerId(), Math.min(100, score), List.copyOf(reasons));
    }
}
