package dev.gavel.auction;

import dev.gavel.testkit.TestClocks;
import dev.gavel.testkit.TestTokens;
import io.restassured.http.ContentType;
import dev.gavel.common.problem.Problem;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * auction-service trusts only valid tokens of user-service's key and issuer: expired, tampered, foreign-key,
 * wrong-issuer and unsigned ({@code alg: none}) tokens are all refused with a problem+json 401.
 */
@CatalogTest
class TokenVerificationTest {

    final UUID user = UUID.randomUUID();

    int create(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(AuctionResourceTest.auction(TestClocks.now().plusSeconds(3600)))
                .post("/api/auctions").then().extract().statusCode();
    }

    void refused(String token) {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(AuctionResourceTest.auction(TestClocks.now().plusSeconds(3600)))
                .post("/api/auctions")
                .then().statusCode(401).contentType(Problem.MEDIA_TYPE).body("status", equalTo(401));
    }

    @Test
    void onlyValidTokensAreAccepted() {
        String valid = TestTokens.user(user, "Valid");
        given().auth().oauth2(valid).contentType(ContentType.JSON)
                .body(AuctionResourceTest.auction(TestClocks.now().plusSeconds(3600)))
                .post("/api/auctions").then().statusCode(201);

        refused(TestTokens.expired(user, "Expired"));
        refused(TestTokens.wrongIssuer(user, "Mallory"));
        refused(TestTokens.foreignKey(user, "Mallory"));
        refused(TestTokens.tampered(valid, UUID.randomUUID()));
        refused(TestTokens.unsigned(user, "Mallory"));
        refused("not-a-jwt");
    }
}
