package dev.gavel.bidding.service;

import dev.gavel.bidding.api.BidDtos.PlaceBidRequest;
import dev.gavel.common.security.Caller;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The order in which the engine decides the commands of one batch (pure logic). */
class DecisionOrderTest {

    static final UUID AUCTION = UUID.randomUUID();
    static final Caller SOMEONE = new Caller(UUID.randomUUID(), "Someone", false, true);

    static Command bid(String amount) {
        return Command.bid(new PlaceBidRequest(AUCTION, new BigDecimal(amount), null), SOMEONE, null);
    }

    static Command buyNow() {
        return Command.buyNow(AUCTION, null, SOMEONE, null);
    }

    static int[] order(boolean reverse, Command... commands) {
        return BidRules.decisionOrder(Arrays.asList(commands), reverse);
    }

    @Test
    void forwardBidsGoLowestFirstAndEqualAmountsKeepArrivalOrder() {
        assertArrayEquals(new int[] {2, 1, 3, 0}, order(false, bid("13"), bid("11"), bid("10"), bid("11")));
    }

    @Test
    void reverseBidsGoHighestFirst() {
        assertArrayEquals(new int[] {1, 3, 2, 0}, order(true, bid("80"), bid("95"), bid("90"), bid("95")));
    }

    @Test
    void aBuyNowKeepsItsPlaceAndNoBidCrossesIt() {
        assertArrayEquals(new int[] {1, 0, 2, 4, 3}, order(false, bid("12"), bid("11"), buyNow(), bid("20"), bid("15")));
        assertArrayEquals(new int[] {0, 1}, order(false, buyNow(), bid("5")));
    }

    @Test
    void aBatchOfOneIsDecidedAsItIs() {
        assertArrayEquals(new int[] {0}, order(false, bid("10")));
        assertArrayEquals(new int[] {}, BidRules.decisionOrder(List.of(), false));
    }
}
