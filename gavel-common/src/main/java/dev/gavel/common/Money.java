package dev.gavel.common;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money is a BigDecimal with exactly two decimals (CONTRACT §1), never a double. */
public final class Money {

    private Money() {
    }

    /**
     * The amount at scale 2. Input has been validated to at most two decimals, so this never rounds.
     *
     * @return {@code null} for {@code null}
     */
    public static BigDecimal of(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
