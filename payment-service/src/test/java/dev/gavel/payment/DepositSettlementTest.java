package dev.gavel.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.events.Topics;
import dev.gavel.payment.PaymentTestSupport.Person;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static dev.gavel.payment.PaymentTestSupport.assertLedgerBalanced;
import static dev.gavel.payment.PaymentTestSupport.available;
import static dev.gavel.payment.PaymentTestSupport.awaitOrder;
import static dev.gavel.payment.PaymentTestSupport.order;
import static dev.gavel.payment.PaymentTestSupport.publishAuction;
import static dev.gavel.payment.PaymentTestSupport.sold;
import static dev.gavel.payment.PaymentTestSupport.topUp;
import static dev.gavel.payment.PaymentTestSupport.wallet;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Deposits to bid: held on the wallet (402 without the money), announced with bidder-approved, released at the close
 * for those who did not win (deposit-released) and applied to the winner's order.
 */
@PaymentTest
class DepositSettlementTest {

    private final ObjectMapper mapper = new ObjectMapper();

    static Response deposit(Person who, UUID auction) {
        return given().auth().oauth2(who.token()).contentType(ContentType.JSON)
                .body(Map.of("auctionId", auction.toString())).post("/api/payments/deposits");
    }

    @Test
    void depositsAreHeldThenReleasedForLosersAndAppliedForTheWinner() throws Exception {
        Person seller = Person.named("Sam Seller");
        Person winner = Person.named("Wendy Winner");
        Person loser = Person.named("Larry Loser");
        UUID auction = publishAuction(seller.id(), "Vintage car", new BigDecimal("50.00"));
        await().atMost(Duration.ofSeconds(20)).until(() -> deposit(loser, auction).statusCode() != 404);

        deposit(loser, auction).then().statusCode(402).body("code", equalTo("INSUFFICIENT_FUNDS"));
        deposit(seller, auction).then().statusCode(403).body("code", equalTo("OWN_AUCTION"));
        given().auth().oauth2(TestTokens.unverified(UUID.randomUUID(), "Unverified")).contentType(ContentType.JSON)
                .body(Map.of("auctionId", auction.toString())).post("/api/payments/deposits").then().statusCode(403)
                .body("code", equalTo("EMAIL_NOT_VERIFIED"));
        UUID plain = publishAuction(seller.id(), "No deposit", null);
        await().atMost(Duration.ofSeconds(20)).until(() -> deposit(loser, plain).statusCode() == 409);

        topUp(winner, "80.00");
        topUp(loser, "60.00");
        deposit(winner, auction).then().statusCode(201).body("amount", equalTo(50.0f)).body("status", equalTo("HELD"));
        deposit(winner, auction).then().statusCode(200).body("status", equalTo("HELD")); // asked again: the same one
        deposit(loser, auction).then().statusCode(201);
        assertEquals(Map.of("currency", "EUR", "balance", 80.0f, "held", 50.0f, "available", 30.0f), wallet(winner));
        assertEquals(new BigDecimal("10.00"), available(loser));
        JsonNode approved = mapper.readTree(KafkaTestClient.await(Topics.BIDDER_APPROVED,
                r -> auction.toString().equals(r.key()) && r.value().contains(winner.id().toString()), 1,
                Duration.ofSeconds(20)).get(0).value());
        assertEquals("50.00", approved.get("amount").decimalValue().setScale(2).toPlainString());

        KafkaTestClient.publish(sold(auction, seller.id(), winner.id(), "120.00", loser.id(), "110.00"));
        String orderId = awaitOrder(winner, auction);
        order(winner, orderId).then().body("total", equalTo(132.0f)).body("depositApplied", equalTo(50.0f))
                .body("amountDue", equalTo(82.0f));
        await().atMost(Duration.ofSeconds(20)).until(() -> available(loser).compareTo(new BigDecimal("60.00")) == 0);
        assertEquals(0, new BigDecimal(wallet(loser).get("held").toString()).signum(), "the loser's hold is released");
        assertEquals(0, new BigDecimal(wallet(winner).get("held").toString()).signum(), "the winner's went to the order");
        JsonNode released = mapper.readTree(KafkaTestClient.await(Topics.DEPOSIT_RELEASED,
                r -> auction.toString().equals(r.key()), 1, Duration.ofSeconds(20)).get(0).value());
        assertEquals(loser.id().toString(), released.get("bidderId").asText());
        given().auth().oauth2(loser.token()).get("/api/payments/deposits?auctionId=" + auction).then()
                .body("status", equalTo("RELEASED"));

        // 82.00 due, 30.00 available: pay the rest once topped up
        topUp(winner, "52.00");
        given().auth().oauth2(winner.token()).contentType(ContentType.JSON).body(Map.of("method", "WALLET"))
                .post("/api/orders/" + orderId + "/payments").then().statusCode(200).body("status", equalTo("PAID"));
        assertEquals(new BigDecimal("0.00"), available(winner));
        // the auction is over: no more deposits
        deposit(Person.named("Late Larry"), auction).then().statusCode(409).body("code", equalTo("AUCTION_NOT_ACTIVE"));
        assertLedgerBalanced();
    }
}
