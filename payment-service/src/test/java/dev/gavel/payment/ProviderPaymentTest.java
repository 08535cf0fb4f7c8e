package dev.gavel.payment;

import dev.gavel.common.problem.Problem;
import dev.gavel.payment.PaymentTestSupport.Person;
import dev.gavel.testkit.TestClocks;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static dev.gavel.payment.PaymentTestSupport.WEBHOOK_SECRET;
import static dev.gavel.payment.PaymentTestSupport.assertLedgerBalanced;
import static dev.gavel.payment.PaymentTestSupport.available;
import static dev.gavel.payment.PaymentTestSupport.awaitOrder;
import static dev.gavel.payment.PaymentTestSupport.orderStatus;
import static dev.gavel.payment.PaymentTestSupport.paymentStatus;
import static dev.gavel.payment.PaymentTestSupport.publishAuction;
import static dev.gavel.payment.PaymentTestSupport.sold;
import static dev.gavel.payment.PaymentTestSupport.webhook;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Paying through the sandbox provider: its checkout page, its signed webhooks (sent twice and out of order in tests,
 * as real providers do), refusals of forged and replayed calls, and a decline that leaves the order payable.
 */
@PaymentTest
class ProviderPaymentTest {

    @Test
    void anOrderPaidAtTheSandboxCheckoutAfterADecline() {
        Person seller = Person.named("Sam Seller");
        Person buyer = Person.named("Bea Buyer");
        UUID auction = publishAuction(seller.id(), "Blue <vase> & bowl", null);
        dev.gavel.testkit.KafkaTestClient.publish(sold(auction, seller.id(), buyer.id(), "40.00", null, null));
        String orderId = awaitOrder(buyer, auction);

        Map<String, Object> declined = checkout(buyer, orderId);
        String page = given().get((String) declined.get("checkoutUrl")).then().statusCode(200)
                .contentType(ContentType.HTML).header("Content-Security-Policy", containsString("default-src 'none'"))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(page.contains("44.00 EUR"), "the server's amount: " + page);
        given().post(declined.get("checkoutUrl") + "/decline").then().statusCode(204);
        given().post(declined.get("checkoutUrl") + "/approve").then().statusCode(409)
                .body("code", equalTo("CHECKOUT_DECIDED"));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                paymentStatus(buyer, declined.get("paymentId").toString()).equals("FAILED"));
        assertEquals("AWAITING_PAYMENT", orderStatus(buyer, orderId), "a decline leaves the order payable");

        Map<String, Object> approved = checkout(buyer, orderId);
        // the browser's form: a redirect back to the page, which shows the decision
        given().redirects().follow(false).accept("text/html,application/xhtml+xml").post(approved.get("checkoutUrl") + "/approve")
                .then().statusCode(303);
        given().get((String) approved.get("checkoutUrl")).then().statusCode(200).body(containsString("APPROVED"));
        await().atMost(Duration.ofSeconds(20)).until(() -> orderStatus(buyer, orderId).equals("PAID"));
        assertEquals("SUCCEEDED", paymentStatus(buyer, approved.get("paymentId").toString()));
        // another's payment is not found
        given().auth().oauth2(seller.token()).get("/api/payments/" + approved.get("paymentId")).then().statusCode(404);
        assertLedgerBalanced();
    }

    @Test
    void forgedAndOldWebhooksAre401AndARepeatedOneIsAppliedOnce() {
        Person user = Person.named("Tom Topup");
        String paymentId = given().auth().oauth2(user.token()).contentType(ContentType.JSON)
                .body(Map.of("amount", new BigDecimal("25.00"))).post("/api/wallet/top-ups")
                .then().statusCode(201).extract().path("paymentId");
        String event = "{\"id\":\"sbx_evt_" + UUID.randomUUID() + "\",\"type\":\"checkout.approved\",\"paymentId\":\""
                + paymentId + "\"}";

        webhook(event, TestClocks.now(), "not-the-sandbox-key").then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("WEBHOOK_SIGNATURE_INVALID"));
        webhook(event, TestClocks.now().minus(Duration.ofMinutes(6)), WEBHOOK_SECRET).then().statusCode(401);
        given().contentType(ContentType.JSON).body(event).post("/api/payments/webhooks/sandbox").then().statusCode(401);
        given().contentType(ContentType.JSON).body("not json at all").post("/api/payments/webhooks/sandbox")
                .then().statusCode(401);
        assertEquals(new BigDecimal("0.00"), available(user), "nothing applied from a refused call");

        webhook(event, TestClocks.now(), WEBHOOK_SECRET).then().statusCode(200);
        webhook(event, TestClocks.now(), WEBHOOK_SECRET).then().statusCode(200);
        assertEquals(new BigDecimal("25.00"), available(user), "the same event twice: one top-up");
        assertEquals("SUCCEEDED", paymentStatus(user, paymentId));
        // a late failure of a payment that succeeded changes nothing
        webhook("{\"id\":\"sbx_evt_" + UUID.randomUUID() + "\",\"type\":\"checkout.declined\",\"paymentId\":\""
                + paymentId + "\"}", TestClocks.now(), WEBHOOK_SECRET).then().statusCode(200);
        assertEquals("SUCCEEDED", paymentStatus(user, paymentId));
        assertEquals(new BigDecimal("25.00"), available(user));
        given().contentType(ContentType.JSON).body(event).post("/api/payments/webhooks/nobody").then().statusCode(404);
        assertLedgerBalanced();
    }

    @Test
    void withdrawalsTakeOnlyAvailableMoney() {
        Person user = Person.named("Wanda Withdraw");
        PaymentTestSupport.topUp(user, "30.00");
        given().auth().oauth2(user.token()).contentType(ContentType.JSON).body(Map.of("amount", new BigDecimal("30.01")))
                .post("/api/wallet/withdrawals").then().statusCode(402).body("code", equalTo("INSUFFICIENT_FUNDS"));
        given().auth().oauth2(user.token()).contentType(ContentType.JSON).body(Map.of("amount", new BigDecimal("-5")))
                .post("/api/wallet/withdrawals").then().statusCode(400);
        given().auth().oauth2(user.token()).contentType(ContentType.JSON).body(Map.of("amount", new BigDecimal("1.001")))
                .post("/api/wallet/withdrawals").then().statusCode(400);
        String paymentId = given().auth().oauth2(user.token()).contentType(ContentType.JSON)
                .body(Map.of("amount", new BigDecimal("12.50"))).post("/api/wallet/withdrawals")
                .then().statusCode(201).body("status", equalTo("PENDING")).extract().path("paymentId");
        assertEquals(new BigDecimal("17.50"), available(user));
        await().atMost(Duration.ofSeconds(20)).until(() -> paymentStatus(user, paymentId).equals("SUCCEEDED"));
        given().get("/api/wallet").then().statusCode(401);
        assertLedgerBalanced();
    }

    private static Map<String, Object> checkout(Person buyer, String orderId) {
        return given().auth().oauth2(buyer.token()).contentType(ContentType.JSON).body(Map.of("method", "PROVIDER"))
                .post("/api/orders/" + orderId + "/payments").then().statusCode(201)
                .body("checkoutUrl", containsString("/api/payments/sandbox/checkouts/")).extract().jsonPath()
                .getMap("$");
    }
}
