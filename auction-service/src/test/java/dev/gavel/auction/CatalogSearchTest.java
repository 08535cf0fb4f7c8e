package dev.gavel.auction;

import dev.gavel.testkit.TestClocks;
import dev.gavel.auction.repository.AuctionRepository;
import dev.gavel.testkit.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import dev.gavel.common.problem.Problem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * Search against a seeded catalog of one seller (so other tests' auctions do not interfere): every filter and sort of
 * the contract, sub-categories, full text with stemming, stable pages, and bad parameters.
 */
@CatalogTest
class CatalogSearchTest {

    static final String ART = "c0000000-0000-4000-8000-000000000004";
    static final String PAINTINGS = "c0000000-0000-4000-8000-000000000005";
    static final String SERVICES = "c0000000-0000-4000-8000-000000000008";

    @Inject
    AuctionRepository auctions;

    UUID seller;
    String token;
    Instant now;
    /** In order of creation: oil painting, sculpture, garden design, watercolour, bicycle. */
    List<String> ids;

    @BeforeEach
    void seed() {
        seller = UUID.randomUUID();
        token = TestTokens.user(seller, "Sid Seller");
        now = TestClocks.now().truncatedTo(ChronoUnit.SECONDS);
        ids = new ArrayList<>();
        String oil = create("Antique oil painting", "A landscape in a gilded frame.", List.of(PAINTINGS), "FORWARD",
                now.plus(3, ChronoUnit.DAYS), null);
        String sculpture = create("Modern sculpture", "Bronze, signed by the artist.", List.of(ART), "FORWARD",
                now.plus(1, ChronoUnit.DAYS), null);
        String garden = create("Garden design", "Plans for a city garden of 200 m2.", List.of(SERVICES), "REVERSE",
                now.plus(2, ChronoUnit.DAYS), null);
        String watercolour = create("Watercolour on paper", "A small painting of the sea.", List.of(PAINTINGS),
                "FORWARD", now.plus(60, ChronoUnit.HOURS), now.plus(1, ChronoUnit.HOURS));
        String bicycle = create("Racing bicycle", "Steel frame, 1970s.", List.of(), "FORWARD",
                now.plus(5, ChronoUnit.HOURS), null);
        live(oil, "500.00", 3);
        live(sculpture, "50.00", 10);
        live(garden, "1000.00", 0);
        live(watercolour, "120.00", 1);
        live(bicycle, "75.00", 5);
        given().auth().oauth2(token).delete("/api/auctions/" + bicycle).then().statusCode(409); // it has bids now
        given().auth().oauth2(TestTokens.admin(UUID.randomUUID(), "Ada")).delete("/api/auctions/" + bicycle)
                .then().statusCode(204);
    }

    String create(String title, String description, List<String> categories, String type, Instant endsAt,
            Instant startsAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("description", description);
        body.put("type", type);
        body.put("startingPrice", type.equals("REVERSE") ? 1000 : 10);
        if (type.equals("FORWARD")) {
            body.put("reservePrice", 40);
        }
        body.put("categoryIds", categories);
        body.put("endsAt", endsAt.toString());
        if (startsAt != null) {
            body.put("startsAt", startsAt.toString());
        }
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/auctions").then().statusCode(201).extract().path("id");
        ids.add(id);
        return id;
    }

    /** What the engine's events would have set (the listener itself is tested with real Kafka elsewhere). */
    void live(String id, String price, int bids) {
        QuarkusTransaction.requiringNew().run(() -> {
            var auction = auctions.findById(UUID.fromString(id));
            auction.currentPrice = new BigDecimal(price);
            auction.bidCount = bids;
        });
    }

    ValidatableResponse search(String query) {
        return given().get("/api/auctions?sellerId=" + seller + (query.isEmpty() ? "" : "&" + query))
                .then().statusCode(200);
    }

    String oil() { return ids.get(0); }
    String sculpture() { return ids.get(1); }
    String garden() { return ids.get(2); }
    String watercolour() { return ids.get(3); }
    String bicycle() { return ids.get(4); }

    @Test
    void theDefaultSortIsTheSoonestEndFirst() {
        search("").body("totalItems", equalTo(5))
                .body("items.id", contains(bicycle(), sculpture(), garden(), watercolour(), oil()))
                .body("items.reservePrice", everyItem(nullValue()));
        search("sort=endsAt,desc").body("items.id", contains(oil(), watercolour(), garden(), sculpture(), bicycle()));
    }

    @Test
    void everySortOfTheContract() {
        search("sort=currentPrice,desc").body("items.id", contains(garden(), oil(), watercolour(), bicycle(), sculpture()));
        search("sort=currentPrice,asc").body("items.id", contains(sculpture(), bicycle(), watercolour(), oil(), garden()));
        search("sort=bidCount,desc").body("items.id", contains(sculpture(), bicycle(), oil(), watercolour(), garden()));
        search("sort=createdAt,desc").body("items.id", contains(bicycle(), watercolour(), garden(), sculpture(), oil()));
    }

    @Test
    void everyFilterOfTheContract() {
        search("status=ACTIVE").body("items.id", contains(sculpture(), garden(), oil()));
        search("status=SCHEDULED").body("items.id", contains(watercolour()));
        search("status=cancelled").body("items.id", contains(bicycle()));
        search("type=REVERSE").body("items.id", contains(garden()));
        search("minPrice=100&maxPrice=600").body("items.id", contains(watercolour(), oil()));
        search("minPrice=75").body("items.id", contains(bicycle(), garden(), watercolour(), oil()));
        search("endingBefore=" + now.plus(36, ChronoUnit.HOURS)).body("items.id", contains(bicycle(), sculpture()));
        search("category=art").body("items.id", contains(sculpture(), watercolour(), oil()));
        search("category=" + PAINTINGS).body("items.id", contains(watercolour(), oil()));
        search("category=art&minPrice=100&status=ACTIVE&sort=currentPrice,desc").body("items.id", contains(oil()));
        given().get("/api/auctions?sellerId=" + UUID.randomUUID()).then().body("totalItems", equalTo(0))
                .body("items.size()", equalTo(0));
    }

    @Test
    void fullTextSearchesTitleAndDescriptionWithStemming() {
        search("q=painting").body("items.id", contains(watercolour(), oil()));
        search("q=paintings").body("items.id", contains(watercolour(), oil()));
        search("q=painting&sort=relevance").body("items.id", contains(oil(), watercolour())); // title beats description
        search("q=bronze artist").body("items.id", contains(sculpture()));
        search("q=\"city garden\"").body("items.id", contains(garden()));
        search("q=garden -city").body("totalItems", equalTo(0));
        search("q=helicopter").body("totalItems", equalTo(0));
        // operators and quotes in user text are words, never SQL or tsquery syntax errors
        given().queryParam("sellerId", seller).queryParam("q", "(&|!:*' ; drop table auction; --")
                .get("/api/auctions").then().statusCode(200).body("totalItems", equalTo(0));
    }

    @Test
    void pagesAreStableAndComplete() {
        search("size=2").body("items.id", contains(bicycle(), sculpture()))
                .body("page", equalTo(0)).body("size", equalTo(2))
                .body("totalItems", equalTo(5)).body("totalPages", equalTo(3));
        search("size=2&page=1").body("items.id", contains(garden(), watercolour()));
        search("size=2&page=2").body("items.id", contains(oil()));
        search("size=2&page=3").body("items.size()", equalTo(0)).body("totalItems", equalTo(5));
        // equal sort keys: the id decides, so no auction shows on two pages or on none
        live(sculpture(), "75.00", 5);
        List<String> byPrice = new ArrayList<>();
        for (int page = 0; page < 5; page++) {
            byPrice.addAll(search("sort=currentPrice,asc&size=1&page=" + page).extract().path("items.id"));
        }
        org.junit.jupiter.api.Assertions.assertEquals(5, new java.util.HashSet<>(byPrice).size(), byPrice.toString());
    }

    @Test
    void badParametersAreRefusedWithTheFieldNamed() {
        String[][] cases = {
                {"status=OPEN", "status"}, {"type=DUTCH", "type"}, {"sort=price", "sort"},
                {"sort=relevance", "sort"}, {"minPrice=-1", "minPrice"}, {"maxPrice=1.234", "maxPrice"},
                {"minPrice=abc", "minPrice"}, {"minPrice=10&maxPrice=5", "maxPrice"}, {"sellerId=abc", "sellerId"},
                {"endingBefore=tomorrow", "endingBefore"}, {"category=no-such-category", "category"},
                {"q=" + "x".repeat(201), "q"}};
        for (String[] c : cases) {
            given().get("/api/auctions?" + c[0]).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                    .body("errors.field", hasItem(c[1]));
        }
        given().get("/api/auctions?size=101").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        given().get("/api/auctions?page=-1").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
    }
}
