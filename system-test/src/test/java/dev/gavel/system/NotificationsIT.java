package dev.gavel.system;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The offline outbid, through the gateway: nobody has a socket open, the outbid bidder finds it later in the inbox. */
@ExtendWith(GavelPlatformExtension.class)
class NotificationsIT {

    @BeforeAll
    static void gateway() {
        GavelPlatformExtension.restAssuredThroughGateway();
    }

    @Test
    void anOutbidBidderWhoWasAwayReadsItInTheInbox() {
        String seller = Accounts.signUp("Seller");
        String ann = Accounts.signUp("Ann");
        String bob = Accounts.signUp("Bob");
        String auctionId = given().auth().oauth2(seller).contentType(ContentType.JSON)
                .body(Map.of("title", "Carriage clock", "description", "Brass.", "startingPrice", 40,
                        "minIncrement", 5, "endsAt", Instant.now().plus(Duration.ofHours(2)).toString())) // no reminder yet
                .post("/api/auctions").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().get("/api/bids/auctions/" + auctionId + "/state").statusCode() == 200);
        given().auth().oauth2(ann).contentType(ContentType.JSON).body(Map.of("auctionId", auctionId, "amount", 40))
                .post("/api/bids").then().statusCode(201);
        given().auth().oauth2(bob).contentType(ContentType.JSON).body(Map.of("auctionId", auctionId, "amount", 60))
                .post("/api/bids").then().statusCode(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(ann)
                .get("/api/notifications/unread-count").then().extract().<Integer>path("count") == 1);
        given().auth().oauth2(ann).get("/api/notifications").then().statusCode(200)
                .body("items[0].type", equalTo("outbid"))
                .body("items[0].auctionId", equalTo(auctionId))
                .body("items[0].title", containsString("Carriage clock"))
                .body("items[0].body", containsString("60.00"));
        String id = given().auth().oauth2(ann).get("/api/notifications").path("items[0].id");
        given().auth().oauth2(ann).post("/api/notifications/" + id + "/read").then().statusCode(204);
        given().auth().oauth2(ann).get("/api/notifications/unread-count").then().body("count", equalTo(0));
        given().auth().oauth2(bob).get("/api/notifications/unread-count").then().body("count", equalTo(0));
    }
}
