package dev.gavel.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.events.Topics;
import dev.gavel.payment.PaymentTestSupport.Person;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.TestClocks;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static dev.gavel.payment.PaymentTestSupport.assertLedgerBalanced;
import static dev.gavel.payment.PaymentTestSupport.available;
import static dev.gavel.payment.PaymentTestSupport.awaitOrder;
import static dev.gavel.payment.PaymentTestSupport.order;
import static dev.gavel.payment.PaymentTestSupport.orderStatus;
import static dev.gavel.payment.PaymentTestSupport.publishAuction;
import static dev.gavel.payment.PaymentTestSupport.sold;
import static dev.gavel.payment.PaymentTestSupport.topUp;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Time-driven transitions, with the clock moved: an unpaid order is cancelled at its due time (the winner's deposit
 * forfeited to the seller less the platform's share) and the seller's second-chance offer reaches the runner-up; a
 * shipped order nobody confirms completes after the receipt timeout.
 */
@PaymentTest
class DeadlinesTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void anUnpaidOrderIsCancelledAtItsDueTimeAndTheRunnerUpGetsASecondChance() throws Exception {
        Person seller = Person.named("Sam Seller");
        Person winner = Person.named("Walk Away");
        Person runnerUp = Person.named("Rita Runner-up");
        UUID auction = publishAuction(seller.id(), "Grandfather clock", new BigDecimal("20.00"));
        topUp(winner, "20.00");
        await().atMost(Duration.ofSeconds(20)).until(() -> DepositSettlementTest.deposit(winner, auction).statusCode() == 201);
        KafkaTestClient.publish(sold(auction, seller.id(), winner.id(), "300.00", runnerUp.id(), "280.00"));
        String orderId = awaitOrder(winner, auction);
        given().auth().oauth2(seller.token()).post("/api/orders/" + orderId + "/second-chance").then().statusCode(409)
                .body("code", equalTo("SECOND_CHANCE_UNAVAILABLE"));

        TestClocks.CLOCK.advance(Duration.ofHours(71));
        assertEquals("AWAITING_PAYMENT", orderStatus(winner, orderId), "not before its due time");
        TestClocks.CLOCK.advance(Duration.ofHours(1).plusSeconds(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> orderStatus(winner, orderId).equals("CANCELLED"));
        given().auth().oauth2(winner.token()).contentType(ContentType.JSON).body(Map.of("method", "WALLET"))
                .post("/api/orders/" + orderId + "/payments").then().statusCode(409);
        assertEquals(new BigDecimal("16.00"), available(seller), "the deposit of 20, less the platform's 20 %");
        assertEquals(new BigDecimal("0.00"), available(winner));
        JsonNode cancelled = mapper.readTree(KafkaTestClient.await(Topics.ORDER_CANCELLED,
                r -> auction.toString().equals(r.key()), 1, Duration.ofSeconds(20)).get(0).value());
        assertEquals(orderId, cancelled.get("orderId").asText());

        order(seller, orderId).then().body("secondChanceAvailable", equalTo(true));
        given().auth().oauth2(runnerUp.token()).post("/api/orders/" + orderId + "/second-chance").then().statusCode(404);
        String offer = given().auth().oauth2(seller.token()).post("/api/orders/" + orderId + "/second-chance").then()
                .statusCode(201).body("secondChance", equalTo(true)).body("buyerId", equalTo(runnerUp.id().toString()))
                .body("hammerPrice", equalTo(280.0f)).body("total", equalTo(308.0f)).extract().path("id");
        given().auth().oauth2(seller.token()).post("/api/orders/" + orderId + "/second-chance").then().statusCode(409);
        // the runner-up finds it among their orders, payable within the due time
        assertEquals(offer, awaitOrder(runnerUp, auction));
        order(runnerUp, offer).then().body("status", equalTo("AWAITING_PAYMENT")).body("secondChance", equalTo(true));
        JsonNode created = mapper.readTree(KafkaTestClient.await(Topics.ORDER_CREATED,
                r -> auction.toString().equals(r.key()) && r.value().contains(offer), 1, Duration.ofSeconds(20))
                .get(0).value());
        assertTrue(created.get("secondChance").asBoolean());
        assertEquals(runnerUp.id().toString(), created.get("buyerId").asText());
        assertLedgerBalanced();
    }

    @Test
    void aShippedOrderNobodyConfirmsCompletesAfterTheReceiptTimeout() {
        Person seller = Person.named("Sam Seller");
        Person buyer = Person.named("Quiet Buyer");
        UUID auction = publishAuction(seller.id(), "Teapot", null);
        KafkaTestClient.publish(sold(auction, seller.id(), buyer.id(), "20.00", null, null));
        String orderId = awaitOrder(buyer, auction);
        topUp(buyer, "22.00");
        given().auth().oauth2(buyer.token()).contentType(ContentType.JSON).body(Map.of("method", "WALLET"))
                .post("/api/orders/" + orderId + "/payments").then().statusCode(200);
        given().auth().oauth2(seller.token()).contentType(ContentType.JSON)
                .body(Map.of("carrier", "DHL", "trackingNumber", "JD0001")).post("/api/orders/" + orderId + "/shipment")
                .then().statusCode(200);
        TestClocks.CLOCK.advance(Duration.ofDays(14).plusSeconds(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> orderStatus(buyer, orderId).equals("COMPLETED"));
        assertEquals(new BigDecimal("19.00"), available(seller));
        assertLedgerBalanced();
    }
}
