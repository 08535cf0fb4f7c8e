package dev.gavel.bidding.service;

import dev.gavel.bidding.AuctionState;
import dev.gavel.events.AuctionType;

import java.math.BigDecimal;

/** The bid increment and the next acceptable amount (CONTRACT §4). */
public final class Increments {

    private static final BigDecimal[][] TABLE = {
            {new BigDecimal("1"), new BigDecimal("0.05")},
            {new BigDecimal("5"), new BigDecimal("0.25")},
            {new BigDecimal("25"), new BigDecimal("0.50")},
            {new BigDecimal("100"), new BigDecimal("1.00")},
            {new BigDecimal("250"), new BigDecimal("2.50")},
            {new BigDecimal("500"), new BigDecimal("5.00")},
            {new BigDecimal("1000"), new BigDecimal("10.00")},
            {new BigDecimal("2500"), new BigDecimal("25.00")},
            {new BigDecimal("5000"), new BigDecimal("50.00")},
    };
    private static final BigDecimal TOP = new BigDecimal("100.00");

    private Increments() {
    }

    /** The increment at a price: the auction's fixed {@code minIncrement}, or the table. */
    public static BigDecimal increment(BigDecimal price, BigDecimal fixed) {
        if (fixed != null) {
            return fixed;
        }
        for (BigDecimal[] row : TABLE) {
            if (price.compareTo(row[0]) < 0) {
                return row[1];
            }
        }
        return TOP;
    }

    /**
     * FORWARD: the lowest acceptable amount; REVERSE: the highest acceptable amount. Without bids it is the starting
     * price.
     */
    public static BigDecimal minNextBid(AuctionState auction) {
        return Pricing.minNextBid(terms(auction), auction.currentPrice, auction.bidCount > 0);
    }

    /** Buy-now is offered on forward auctions until the first bid, or with a reserve until the reserve is met. */
    public static boolean buyNowAvailable(AuctionState a) {
        return a.buyNowPrice != null && a.type == AuctionType.FORWARD
                && (a.bidCount == 0 || (a.reservePrice != null && !reserveMet(a)));
    }

    static Pricing.Terms terms(AuctionState a) {
        return new Pricing.Terms(a.type, a.startingPrice, a.reservePrice, a.minIncrement);
    }

    /**
     * A reverse auction whose price is at the floor (0.01): no bid can beat it any more. Without this check a bid of
     * 0.01 would be accepted again and again, changing neither price nor leader (and moving a soft-close end).
     */
    public static boolean atFloor(AuctionState auction) {
        return auction.bidCount > 0 && !auction.type.better(minNextBid(auction), auction.currentPrice);
    }

    /** Whether {@code amount} may be bid now. */
    public static boolean acceptable(AuctionState auction, BigDecimal amount) {
        return auction.type.reaches(amount, minNextBid(auction));
    }

    /** Whether the reserve (if any) is met at this price. */
    public static boolean reserveMet(AuctionState auction) {
        if (auction.reservePrice == null) {
            return true;
        }
        if (auction.bidCount == 0) {
            return false;
        }
        return auction.type.reaches(auction.currentPrice, auction.reservePrice);
    }
}
