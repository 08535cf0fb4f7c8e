package dev.gavel.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A newcomer's sign-up, as they would do it on ./run: register through the gateway, find the mail in the mail
 * catcher's inbox, open its link on the gateway's origin, press the button, and from then on bid and sell; before
 * that, both the catalog and the bidding engine refuse them.
 */
@ExtendWith(GavelPlatformExtension.class)
class SignUpIT {

    static String gateway;

    @BeforeAll
    static void gateway() {
        GavelPlatformExtension.restAssuredThroughGateway();
        gateway = "http://localhost:" + GavelPlatformExtension.config().gatewayPort();
    }

    @Test
    void registerReadTheMailFollowTheLinkThenBidAndSell() throws Exception {
        String seller = Accounts.signUp("Seller");
        String auctionId = given().auth().oauth2(seller).contentType(ContentType.JSON)
                .body(Map.of("title", "Brass telescope", "description", "Sees far.", "startingPrice", 50,
                        "minIncrement", 5, "endsAt", Instant.now().plus(Duration.ofHours(1)).toString()))
                .post("/api/auctions").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().get("/api/bids/auctions/" + auctionId + "/state").statusCode() == 200);

        String email = "newcomer-" + UUID.randomUUID() + "@example.com";
        String unverified = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Accounts.PASSWORD, "displayName", "Newcomer",
                        "accountType", "INDIVIDUAL"))
                .post("/api/auth/register").then().statusCode(201).body("user.emailVerified", equalTo(false))
                .extract().path("accessToken");

        // not yet: neither the bidding engine nor the catalog takes an address nobody verified
        given().auth().oauth2(unverified).contentType(ContentType.JSON)
                .body(Map.of("auctionId", auctionId, "amount", 50)).post("/api/bids")
                .then().statusCode(403).body("code", equalTo("EMAIL_NOT_VERIFIED"));
        given().auth().oauth2(unverified).contentType(ContentType.JSON)
                .body(Map.of("title", "Throwaway lot", "description", "x", "startingPrice", 1,
                        "endsAt", Instant.now().plus(Duration.ofHours(1)).toString()))
                .post("/api/auctions").then().statusCode(403).body("code", equalTo("EMAIL_NOT_VERIFIED"));

        // the mail is in the catcher: in its web inbox, and with a link to the gateway's own origin
        JsonNode mail = Accounts.mailbox().await(email, "Verify your e-mail");
        HttpClient http = HttpClient.newHttpClient();
        String inbox = http.send(HttpRequest.newBuilder(URI.create(GavelPlatformExtension.platform().mailInboxUrl()
                + "/")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(inbox.contains("Verify your e-mail for Gavel") && inbox.contains(email), inbox);
        String link = dev.gavel.testkit.Mailbox.link(mail, gateway + "/verify-email?token=");

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofString());
        // the link lands on web-app's page; its button posts the token to the API (WebAppIT clicks it in a browser)
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Verify my address"), page.body());
        given().contentType(ContentType.JSON).body(Map.of("token", dev.gavel.testkit.Mailbox.token(link)))
                .post("/api/auth/verify-email").then().statusCode(204);

        String verified = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Accounts.PASSWORD)).post("/api/auth/login")
                .then().statusCode(200).body("user.emailVerified", equalTo(true)).extract().path("accessToken");
        given().auth().oauth2(verified).contentType(ContentType.JSON)
                .body(Map.of("auctionId", auctionId, "amount", 50)).post("/api/bids")
                .then().statusCode(201).body("status", equalTo("LEADING"));
    }

    /** An admin suspends a bidder: the bidder's still-valid token bids no more within 5 s; reinstating restores it. */
    @Test
    void aSuspensionStopsBidsWithinSecondsAndReinstatingRestoresThem() {
        String admin = Accounts.signUp("Admin", GavelPlatformExtension.ADMIN_EMAIL);
        String seller = Accounts.signUp("Seller");
        String bidderEmail = "bidder-" + UUID.randomUUID() + "@example.com";
        String bidder = Accounts.signUp("Bidder", bidderEmail);
        String bidderId = given().auth().oauth2(bidder).get("/api/users/me").path("id");
        String auctionId = given().auth().oauth2(seller).contentType(ContentType.JSON)
                .body(Map.of("title", "Pocket watch", "description", "Gold.", "startingPrice", 10,
                        "minIncrement", 1, "endsAt", Instant.now().plus(Duration.ofHours(1)).toString()))
                .post("/api/auctions").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().get("/api/bids/auctions/" + auctionId + "/state").statusCode() == 200);
        given().auth().oauth2(bidder).contentType(ContentType.JSON).body(Map.of("auctionId", auctionId, "amount", 10))
                .post("/api/bids").then().statusCode(201);

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("reason", "shill bidding"))
                .post("/api/users/" + bidderId + "/suspension").then().statusCode(204);
        int[] amount = {20};
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() ->
                given().auth().oauth2(bidder).contentType(ContentType.JSON)
                        .body(Map.of("auctionId", auctionId, "amount", amount[0] += 10)).post("/api/bids")
                        .statusCode() == 403);
        given().contentType(ContentType.JSON).body(Map.of("email", bidderEmail, "password", Accounts.PASSWORD))
                .post("/api/auth/login").then().statusCode(403).body("code", equalTo("ACCOUNT_SUSPENDED"));

        given().auth().oauth2(admin).delete("/api/users/" + bidderId + "/suspension").then().statusCode(204);
        String again = given().contentType(ContentType.JSON)
                .body(Map.of("email", bidderEmail, "password", Accounts.PASSWORD)).post("/api/auth/login")
                .then().statusCode(200).extract().path("accessToken");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() ->
                given().auth().oauth2(again).contentType(ContentType.JSON)
                        .body(Map.of("auctionId", auctionId, "amount", amount[0] += 10)).post("/api/bids")
                        .statusCode() == 201);
        given().auth().oauth2(admin).get("/api/users/" + bidderId + "/audit").then().statusCode(200)
                .body("totalItems", equalTo(2));
    }
}
