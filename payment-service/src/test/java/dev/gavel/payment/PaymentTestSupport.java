package dev.gavel.payment;

import dev.gavel.events.AuctionClosed;
import dev.gavel.events.AuctionPublished;
import dev.gavel.events.AuctionType;
import dev.gavel.events.Outcome;
import dev.gavel.payment.provider.WebhookSignature;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.TestClocks;
import dev.gavel.testkit.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Auctions, closes, money and checks for payment-service's tests, all through its public interfaces. */
final class PaymentTestSupport {

    static final String WEBHOOK_SECRET = "test-only-sandbox-webhook-secret";
    static final String ADMIN = TestTokens.admin(UUID.randomUUID(), "Ada Admin");

    private PaymentTestSupport() {
    }

    /** A person with a token. */
    record Person(UUID id, String token) {

        static Person named(String name) {
            UUID id = UUID.randomUUID();
            return new Person(id, TestTokens.user(id, name));
        }
    }

    /** Publishes an auction's terms (with an optional deposit) on Kafka. */
    static UUID publishAuction(UUID seller, String title, BigDecimal deposit) {
        UUID auctionId = UUID.randomUUID();
        Instant now = TestClocks.now();
        KafkaTestClient.publish(new AuctionPublished(UUID.randomUUID(), auctionId, seller, title, AuctionType.FORWARD,
                "EUR", new BigDecimal("10.00"), null, null, new BigDecimal("1.00"), null, now.minusSeconds(60),
                now.plus(Duration.ofHours(1)), now, deposit));
        return auctionId;
    }

    static AuctionClosed sold(UUID auctionId, UUID seller, UUID winner, String price, UUID runnerUp, String runnerUpAmount) {
        return new AuctionClosed(UUID.randomUUID(), auctionId, seller, Outcome.SOLD, winner, "Winner",
                new BigDecimal(price), "EUR", 2, TestClocks.now(), 9, null, null, runnerUp,
                runnerUpAmount == null ? null : new BigDecimal(runnerUpAmount));
    }

    /** The id of the buyer's order for the auction, once payment-service made it. */
    static String awaitOrder(Person buyer, UUID auctionId) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<Map<String, Object>> items = given().auth().oauth2(buyer.token()).get("/api/orders?role=buyer&size=100")
                    .then().statusCode(200).extract().jsonPath().getList("items");
            items.stream().filter(o -> auctionId.toString().equals(o.get("auctionId"))).findFirst()
                    .ifPresent(o -> id[0] = (String) o.get("id"));
            return id[0] != null;
        });
        return id[0];
    }

    static Response order(Person who, String orderId) {
        return given().auth().oauth2(who.token()).get("/api/orders/" + orderId);
    }

    static String orderStatus(Person who, String orderId) {
        return order(who, orderId).then().statusCode(200).extract().path("status");
    }

    static Map<String, Object> wallet(Person who) {
        return given().auth().oauth2(who.token()).get("/api/wallet").then().statusCode(200).extract().jsonPath()
                .getMap("$");
    }

    static BigDecimal available(Person who) {
        return new BigDecimal(wallet(who).get("available").toString()).setScale(2);
    }

    /** Tops the wallet up through the sandbox checkout, as a person would, and waits for the webhook. */
    static void topUp(Person who, String amount) {
        BigDecimal before = available(who);
        String checkoutUrl = given().auth().oauth2(who.token()).contentType(ContentType.JSON)
                .body(Map.of("amount", new BigDecimal(amount))).post("/api/wallet/top-ups")
                .then().statusCode(201).extract().path("checkoutUrl");
        given().post(checkoutUrl + "/approve").then().statusCode(204);
        BigDecimal expected = before.add(new BigDecimal(amount));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> available(who).compareTo(expected) == 0);
    }

    static String paymentStatus(Person who, String paymentId) {
        return given().auth().oauth2(who.token()).get("/api/payments/" + paymentId).then().statusCode(200)
                .extract().path("status");
    }

    /** A sandbox webhook call signed with the test key at {@code at}. */
    static Response webhook(String body, Instant at, String secret) {
        return given().contentType(ContentType.JSON).header(WebhookSignature.HEADER, WebhookSignature.sign(secret, at, body))
                .body(body).post("/api/payments/webhooks/sandbox");
    }

    static void assertLedgerBalanced() {
        Map<String, Object> report = given().auth().oauth2(ADMIN).get("/api/payments/ledger/audit").then()
                .statusCode(200).extract().jsonPath().getMap("$");
        assertTrue(Boolean.TRUE.equals(report.get("balanced")), "the ledger balances: " + report);
    }
}
