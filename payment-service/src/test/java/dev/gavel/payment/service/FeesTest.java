package dev.gavel.payment.service;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The order arithmetic, as a table: every split adds up exactly to what it splits. */
class FeesTest {

    @ParameterizedTest(name = "hammer {0} at {1}% premium: premium {2}, total {3}")
    @CsvSource({
            "100.00, 10,    10.00, 110.00",
            "0.01,   10,     0.00,   0.01",
            "0.05,   10,     0.01,   0.06", // 0.005 rounds half up
            "19.99,  12.5,   2.50,  22.49", // 2.49875
            "999999999999.99, 10, 100000000000.00, 1099999999999.99",
            "50.00,  0,      0.00,  50.00",
    })
    void buyersPremium(String hammer, String percent, String premium, String total) {
        Fees.OrderAmounts amounts = Fees.order(new BigDecimal(hammer), new BigDecimal(percent));
        assertEquals(new BigDecimal(premium), amounts.buyerPremium());
        assertEquals(new BigDecimal(total), amounts.total());
        assertEquals(amounts.total(), amounts.hammerPrice().add(amounts.buyerPremium()));
    }

    @ParameterizedTest(name = "hammer {0}, premium {1}, {2}% commission: seller {3}, platform {4}")
    @CsvSource({
            "100.00, 10.00, 5,   95.00, 15.00",
            "33.33,   3.33, 5,   31.66,  5.00", // commission 1.6665 → 1.67
            "0.01,    0.00, 5,    0.01,  0.00",
            "200.00, 20.00, 0,  200.00, 20.00",
            "200.00, 20.00, 100,  0.00, 220.00",
    })
    void settlementSplitsTheTotal(String hammer, String premium, String percent, String seller, String platform) {
        Fees.Settlement settlement = Fees.settlement(new BigDecimal(hammer), new BigDecimal(premium),
                new BigDecimal(percent));
        assertEquals(new BigDecimal(seller), settlement.sellerCredit());
        assertEquals(new BigDecimal(platform), settlement.platformRevenue());
        assertEquals(new BigDecimal(hammer).add(new BigDecimal(premium)),
                settlement.sellerCredit().add(settlement.platformRevenue()), "nothing is lost or made up");
    }

    @ParameterizedTest(name = "deposit {0}, platform {1}%: seller {2}, platform {3}")
    @CsvSource({
            "50.00, 20, 40.00, 10.00",
            "0.03,  20,  0.02,  0.01", // 0.006 → 0.01
            "10.00,  0, 10.00,  0.00",
    })
    void forfeitSplitsTheDeposit(String deposit, String percent, String seller, String platform) {
        Fees.Forfeit forfeit = Fees.forfeit(new BigDecimal(deposit), new BigDecimal(percent));
        assertEquals(new BigDecimal(seller), forfeit.seller());
        assertEquals(new BigDecimal(platform), forfeit.platform());
        assertEquals(new BigDecimal(deposit), forfeit.seller().add(forfeit.platform()));
    }

    @ParameterizedTest
    @CsvSource({"-1", "100.01"})
    void aPercentageIsFromZeroToAHundred(String percent) {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Fees.order(BigDecimal.TEN, new BigDecimal(percent)));
    }
}
