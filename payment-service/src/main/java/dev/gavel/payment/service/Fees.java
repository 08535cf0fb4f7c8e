package dev.gavel.payment.service;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The arithmetic of an order (pure, table-tested in FeesTest): the buyer's premium on top of the hammer price, the
 * seller's commission out of it, and the split of a forfeited deposit. Percentages are rounded half-up to the cent;
 * every split adds up exactly to what it splits.
 */
public final class Fees {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Fees() {
    }

    /** What the buyer owes: the hammer price plus the premium. */
    public record OrderAmounts(BigDecimal hammerPrice, BigDecimal buyerPremium, BigDecimal total) {
    }

    /** Where the buyer's total goes at completion: to the seller and to the platform (the two add up to the total). */
    public record Settlement(BigDecimal sellerCredit, BigDecimal platformRevenue) {
    }

    /** Where a forfeited deposit goes (the two add up to the deposit). */
    public record Forfeit(BigDecimal seller, BigDecimal platform) {
    }

    public static OrderAmounts order(BigDecimal hammerPrice, BigDecimal premiumPercent) {
        BigDecimal hammer = cents(hammerPrice);
        BigDecimal premium = percent(hammer, premiumPercent);
        return new OrderAmounts(hammer, premium, hammer.add(premium));
    }

    public static Settlement settlement(BigDecimal hammerPrice, BigDecimal buyerPremium, BigDecimal commissionPercent) {
        BigDecimal commission = percent(cents(hammerPrice), commissionPercent);
        return new Settlement(cents(hammerPrice).subtract(commission), commission.add(cents(buyerPremium)));
    }

    public static Forfeit forfeit(BigDecimal deposit, BigDecimal platformPercent) {
        BigDecimal platform = percent(cents(deposit), platformPercent);
        return new Forfeit(cents(deposit).subtract(platform), platform);
    }

    /** {@code percent} % of the amount, to the cent (half up). */
    static BigDecimal percent(BigDecimal amount, BigDecimal percent) {
        if (percent.signum() < 0 || percent.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("a percentage from 0 to 100, not " + percent);
        }
        return amount.multiply(percent).divide(HUNDRED, 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
