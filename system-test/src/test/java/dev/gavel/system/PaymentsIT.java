package dev.gavel.system;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * After the hammer, through the gateway and every real service: a deposit auction refuses a bid without a deposit and
 * takes it after; the winner's order (deposit applied, address from user-service) is paid at the sandbox's checkout
 * page, shipped and confirmed, and the seller's wallet gets the hammer price less the commission; the loser's
 * deposit comes back.
 */
@ExtendWith(GavelPlatformExtension.class)
class PaymentsIT {

    @BeforeAll
    static void gateway() {
        GavelPlatformExtension.restAssuredThroughGateway();
    }

    static BigDecimal available(String token) {
        return new BigDecimal(given().auth().oauth2(token).get("/api/wallet").then().statusCode(200).extract()
                .path("available").toString()).setScale(2);
    }

    /** Pays a checkout at the sandbox's page, as a person would: open it, check the amount, approve. */
    static void approveAtCheckout(String checkoutUrl, String amount) {
        given().get(checkoutUrl).then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString(amount + " EUR")).body(containsString("Approve"));
        given().post(checkoutUrl + "/approve").then().statusCode(204);
    }

    static void topUp(String token, String amount) {
        BigDecimal expected = available(token).add(new BigDecimal(amount));
        String checkoutUrl = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("amount", amount))
                .post("/api/wallet/top-ups").then().statusCode(201).extract().path("checkoutUrl");
        approveAtCheckout(checkoutUrl, amount);
        await().atMost(Duration.ofSeconds(30)).until(() -> available(token).compareTo(expected) == 0);
    }

    static int bid(String token, String auctionId, int amount) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("auctionId", auctionId, "amount", amount)).post("/api/bids").statusCode();
    }

    @Test
    void winPayAtTheSandboxShipConfirmAndTheSellerIsPaid() {
        String seller = Accounts.signUp("Seller");
        String ann = Accounts.signUp("Ann");
        String bob = Accounts.signUp("Bob");
        given().auth().oauth2(bob).contentType(ContentType.JSON).body(Map.of("label", "Home", "fullName", "Bob Buyer",
                "line1", "Ringstraße 1", "city", "Wien", "postalCode", "1010", "country", "AT"))
                .post("/api/users/me/addresses").then().statusCode(201);
        String auctionId = given().auth().oauth2(seller).contentType(ContentType.JSON)
                .body(Map.of("title", "Pocket watch", "description", "Silver, 1905.", "startingPrice", 100,
                        "reservePrice", 500, "buyNowPrice", 600, "depositRequired", 50,
                        "endsAt", Instant.now().plus(Duration.ofHours(2)).toString()))
                .post("/api/auctions").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().get("/api/bids/auctions/" + auctionId + "/state").statusCode() == 200);

        // no deposit, no bid
        given().auth().oauth2(ann).contentType(ContentType.JSON).body(Map.of("auctionId", auctionId, "amount", 100))
                .post("/api/bids").then().statusCode(403).body("code", equalTo("DEPOSIT_REQUIRED"));
        topUp(ann, "200.00");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(ann).contentType(ContentType.JSON)
                .body(Map.of("auctionId", auctionId)).post("/api/payments/deposits").statusCode() == 201);
        await().atMost(Duration.ofSeconds(30)).until(() -> bid(ann, auctionId, 100) == 201);

        // Bob deposits too and buys it now: the auction is SOLD to him
        topUp(bob, "100.00");
        given().auth().oauth2(bob).contentType(ContentType.JSON).body(Map.of("auctionId", auctionId))
                .post("/api/payments/deposits").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(bob).contentType(ContentType.JSON)
                .body(Map.of("auctionId", auctionId, "expectedPrice", 600)).post("/api/bids/buy-now").statusCode() == 201);

        String[] orderId = new String[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<String> ids = given().auth().oauth2(bob).get("/api/orders?role=buyer").then().statusCode(200)
                    .extract().path("items.id");
            orderId[0] = ids.isEmpty() ? null : ids.get(0);
            return orderId[0] != null;
        });
        given().auth().oauth2(bob).get("/api/orders/" + orderId[0]).then().statusCode(200)
                .body("title", equalTo("Pocket watch")).body("status", equalTo("AWAITING_PAYMENT"))
                .body("hammerPrice", equalTo(600.0f)).body("total", equalTo(660.0f))
                .body("depositApplied", equalTo(50.0f)).body("amountDue", equalTo(610.0f))
                .body("shippingAddress.city", equalTo("Wien"));
        given().auth().oauth2(ann).get("/api/orders/" + orderId[0]).then().statusCode(404);
        // the inbox asks Bob to pay (notification-gateway follows payment-service's order-created)
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(bob).get("/api/notifications")
                .then().extract().<List<String>>path("items.type").contains("payment-due"));
        // Ann lost: her deposit comes back
        await().atMost(Duration.ofSeconds(30)).until(() -> available(ann).compareTo(new BigDecimal("200.00")) == 0);

        String checkoutUrl = given().auth().oauth2(bob).contentType(ContentType.JSON).body(Map.of("method", "PROVIDER"))
                .post("/api/orders/" + orderId[0] + "/payments").then().statusCode(201).extract().path("checkoutUrl");
        approveAtCheckout(checkoutUrl, "610.00");
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(
                given().auth().oauth2(bob).get("/api/orders/" + orderId[0]).path("status")));

        given().auth().oauth2(seller).contentType(ContentType.JSON)
                .body(Map.of("carrier", "Post", "trackingNumber", "RR123456789AT"))
                .post("/api/orders/" + orderId[0] + "/shipment").then().statusCode(200).body("status", equalTo("SHIPPED"))
                .body("shippingAddress.line1", equalTo("Ringstraße 1"));
        given().auth().oauth2(bob).post("/api/orders/" + orderId[0] + "/receipt").then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
        assertEquals(new BigDecimal("570.00"), available(seller), "600 less the 5 % commission");
        assertEquals(new BigDecimal("50.00"), available(bob), "100 topped up, 50 of it the deposit that paid part");
    }
}
