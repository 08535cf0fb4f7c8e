package dev.gavel.bidding;

import dev.gavel.bidding.service.Increments;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IncrementsTest {

    @ParameterizedTest
    @CsvSource({"0.50,0.05", "0.99,0.05", "1.00,0.25", "4.99,0.25", "5,0.50", "24.99,0.50", "25,1.00", "99.99,1.00",
            "100,2.50", "249.99,2.50", "250,5.00", "499,5.00", "500,10.00", "999.99,10.00", "1000,25.00",
            "2499,25.00", "2500,50.00", "4999.99,50.00", "5000,100.00", "1000000,100.00"})
    void theIncrementTableOfTheContract(String price, String increment) {
        assertEquals(0, new BigDecimal(increment).compareTo(Increments.increment(new BigDecimal(price), null)));
    }

    @ParameterizedTest
    @CsvSource({"0.50", "5000"})
    void aFixedIncrementWins(String price) {
        assertEquals(new BigDecimal("3.00"), Increments.increment(new BigDecimal(price), new BigDecimal("3.00")));
    }
}
