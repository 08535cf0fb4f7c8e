package dev.gavel.auction;

import dev.gavel.testkit.TestClocks;
import dev.gavel.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Broad searches are counted up to a bound ("3+ results" here, "10,000+" by default); narrow ones exactly. */
@CatalogTest
@TestProfile(SearchCountCapTest.CapOfThree.class)
class SearchCountCapTest {

    public static class CapOfThree implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gavel.auction.search-max-counted", "3");
        }
    }

    @Test
    void beyondTheBoundTotalItemsIsTheBoundAndSaysSo() {
        UUID seller = UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(TestTokens.user(seller, "Sam")).contentType(ContentType.JSON)
                    .body(AuctionResourceTest.auction(TestClocks.now().plus(1 + i, ChronoUnit.DAYS)))
                    .post("/api/auctions").then().statusCode(201);
        }
        given().get("/api/auctions?size=2&sellerId=" + seller).then().statusCode(200)
                .body("items.size()", equalTo(2))
                .body("totalItems", equalTo(3)).body("totalItemsExact", equalTo(false)).body("totalPages", equalTo(2));
        given().get("/api/auctions?size=2&page=2&sellerId=" + seller).then().body("items.size()", equalTo(1));
        given().get("/api/auctions?sellerId=" + seller + "&endingBefore=" + TestClocks.now().plus(60, ChronoUnit.HOURS))
                .then().body("totalItems", equalTo(2)).body("totalItemsExact", equalTo(true));
    }
}
