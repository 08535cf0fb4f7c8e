package dev.gavel.bidding;

import dev.gavel.common.problem.Problem;
import dev.gavel.events.AuctionPublished;
import dev.gavel.events.BidderApproved;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.TestTokens;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static dev.gavel.bidding.BiddingTestSupport.bid;
import static dev.gavel.bidding.BiddingTestSupport.now;
import static dev.gavel.bidding.BiddingTestSupport.publishAndAwait;
import static dev.gavel.bidding.BiddingTestSupport.terms;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * An auction with a deposit (CONTRACT §3b) takes bids only from bidders payment-service approved
 * ({@code bidder-approved} on real Kafka): others get 403 {@code DEPOSIT_REQUIRED} and change nothing.
 */
@BiddingTest
class DepositTest {

    @Test
    void onlyApprovedBiddersBidOnAnAuctionWithADeposit() {
        UUID seller = UUID.randomUUID();
        UUID bidder = UUID.randomUUID();
        String token = TestTokens.user(bidder, "Dora Deposit");
        AuctionPublished plain = terms(seller, "10.00", null, "1.00", now().plus(1, ChronoUnit.HOURS), null);
        AuctionPublished withDeposit = new AuctionPublished(plain.eventId(), plain.auctionId(), seller, plain.title(),
                plain.type(), plain.currency(), plain.startingPrice(), null, null, plain.minIncrement(), null,
                plain.startsAt(), plain.endsAt(), plain.publishedAt(), new BigDecimal("50.00"));
        UUID auction = publishAndAwait(withDeposit);

        bid(token, auction, 10).then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("DEPOSIT_REQUIRED")).body("depositRequired", equalTo(50.0f));
        given().get("/api/bids/auctions/" + auction + "/state").then().body("bidCount", equalTo(0));

        // approved for another auction: still not for this one
        KafkaTestClient.publish(new BidderApproved(UUID.randomUUID(), UUID.randomUUID(), bidder,
                new BigDecimal("50.00"), "EUR", Instant.now()));
        KafkaTestClient.publish(new BidderApproved(UUID.randomUUID(), auction, bidder, new BigDecimal("50.00"), "EUR",
                Instant.now()));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> bid(token, auction, 10).statusCode() == 201);
        given().get("/api/bids/auctions/" + auction + "/state").then().body("bidCount", equalTo(1));

        String other = TestTokens.user(UUID.randomUUID(), "Not Approved");
        bid(other, auction, 20).then().statusCode(403).body("code", equalTo("DEPOSIT_REQUIRED"));
        // an auction without a deposit is open to anyone
        UUID open = publishAndAwait(terms(seller, "10.00", null, "1.00", now().plus(1, ChronoUnit.HOURS), null));
        bid(other, open, 10).then().statusCode(201);
    }
}
