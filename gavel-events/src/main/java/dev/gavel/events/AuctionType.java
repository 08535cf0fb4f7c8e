package dev.gavel.events;

import java.math.BigDecimal;

/**
 * FORWARD: the highest bid wins. REVERSE: the lowest bid wins (procurement). The one place that says which of two
 * amounts is better for a type; every service asks it instead of comparing amounts itself.
 */
public enum AuctionType {
    FORWARD,
    REVERSE;

    /** Whether {@code x} is strictly better than {@code y}: higher on a forward auction, lower on a reverse one. */
    public boolean better(BigDecimal x, BigDecimal y) {
        int cmp = x.compareTo(y);
        return this == REVERSE ? cmp < 0 : cmp > 0;
    }

    /** Whether {@code value} is at least as good as {@code target} (a reserve met, a minimum bid reached). */
    public boolean reaches(BigDecimal value, BigDecimal target) {
        return !better(target, value);
    }
}
