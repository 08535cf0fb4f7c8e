package dev.gavel.auction;

import dev.gavel.testkit.TestClocks;
import dev.gavel.auction.repository.CategoryRepository;
import dev.gavel.testkit.TestTokens;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import dev.gavel.common.problem.Problem;
import org.junit.jupiter.api.Test;

import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The category tree: seeded defaults, admin-only creation, and attributes inherited down the tree. */
@CatalogTest
class CategoryResourceTest {

    static final String VEHICLES = "c0000000-0000-4000-8000-000000000001";
    static final String CARS = "c0000000-0000-4000-8000-000000000002";

    @Inject
    CategoryRepository categories;

    final String admin = TestTokens.admin(UUID.randomUUID(), "Ada Admin");
    final UUID seller = UUID.randomUUID();
    final String sellerToken = TestTokens.user(seller, "Sam Seller");

    @Test
    void theDefaultTreeIsSeededWithInheritedAttributes() {
        given().get("/api/categories").then().statusCode(200)
                .body("name", hasItems("Vehicles", "Art", "Electronics", "Services"))
                .body("find { it.slug == 'vehicles' }.parentId", equalTo(null))
                .body("find { it.slug == 'vehicles' }.attributes.key", containsInAnyOrder("condition", "year"))
                .body("find { it.slug == 'vehicles' }.children.find { it.slug == 'cars' }.parentId", equalTo(VEHICLES))
                .body("find { it.slug == 'vehicles' }.children.find { it.slug == 'cars' }.attributes.key",
                        hasItems("make", "model", "mileage", "fuel", "transmission"))
                .body("find { it.slug == 'vehicles' }.children.find { it.slug == 'cars' }.inheritedAttributes.key",
                        containsInAnyOrder("condition", "year"))
                .body("find { it.slug == 'vehicles' }.children.find { it.slug == 'cars' }.attributes.find { it.key == 'fuel' }.options",
                        hasItems("petrol", "diesel", "electric"));
        given().get("/api/categories/" + CARS).then().statusCode(200).body("name", equalTo("Cars"));
        given().get("/api/categories/" + UUID.randomUUID()).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    }

    Map<String, Object> classicCars(String suffix) {
        return Map.of("name", "Classic cars " + suffix, "parentId", CARS, "attributes", List.of(
                Map.of("key", "originalPaint", "label", "Original paint", "type", "BOOLEAN", "required", true),
                Map.of("key", "era", "label", "Era", "type", "ENUM", "options", List.of("prewar", "postwar"),
                        "required", false)));
    }

    @Test
    void anAdminAddsASubCategoryWhoseAuctionsMustSatisfyEveryInheritedDefinition() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String id = given().auth().oauth2(admin).contentType(ContentType.JSON).body(classicCars(suffix))
                .post("/api/categories").then().statusCode(201)
                .body("slug", equalTo("classic-cars-" + suffix))
                .body("parentId", equalTo(CARS))
                .body("inheritedAttributes.key", hasItems("condition", "year", "make", "model", "mileage", "fuel"))
                .extract().path("id");
        given().get("/api/categories").then()
                .body("find { it.slug == 'vehicles' }.children.find { it.slug == 'cars' }.children.id", hasItem(id));

        // missing: two required from Vehicles, four from Cars, one of its own
        Map<String, Object> auction = auction(List.of(id), Map.of("colour", "red"));
        given().auth().oauth2(sellerToken).contentType(ContentType.JSON).body(auction).post("/api/auctions")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", containsInAnyOrder("attributes.colour", "attributes.condition", "attributes.year",
                        "attributes.make", "attributes.model", "attributes.mileage", "attributes.fuel",
                        "attributes.originalPaint"));

        Map<String, Object> wrong = new HashMap<>(carAttributes());
        wrong.put("year", "old");
        wrong.put("make", 42);
        wrong.put("originalPaint", "yes");
        wrong.put("era", "modern");
        wrong.put("fuel", "steam");
        given().auth().oauth2(sellerToken).contentType(ContentType.JSON).body(auction(List.of(id), wrong))
                .post("/api/auctions").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", containsInAnyOrder("attributes.year", "attributes.make",
                        "attributes.originalPaint", "attributes.era", "attributes.fuel"))
                .body("errors.find { it.field == 'attributes.era' }.message", equalTo("must be one of prewar, postwar"));

        Map<String, Object> right = new HashMap<>(carAttributes());
        right.put("originalPaint", true);
        right.put("era", "postwar");
        String auctionId = given().auth().oauth2(sellerToken).contentType(ContentType.JSON).body(auction(List.of(id), right))
                .post("/api/auctions").then().statusCode(201)
                .body("categoryIds", equalTo(List.of(id)))
                .body("attributes.make", equalTo("Jaguar"))
                .body("attributes.year", equalTo(1968))
                .body("attributes.originalPaint", equalTo(true))
                .body("attributes.era", equalTo("postwar"))
                .extract().path("id");

        // found under every ancestor, two levels up included
        for (String category : List.of(id, CARS, VEHICLES, "vehicles")) {
            given().get("/api/auctions?sellerId=" + seller + "&category=" + category).then().statusCode(200)
                    .body("items.id", equalTo(List.of(auctionId)));
        }
        given().get("/api/auctions?sellerId=" + seller + "&category=art").then().body("totalItems", equalTo(0));

        // moved to Art by PATCH: the attributes must now fit Art, and the search follows
        given().auth().oauth2(sellerToken).contentType(ContentType.JSON)
                .body(Map.of("categoryIds", List.of("c0000000-0000-4000-8000-000000000004")))
                .patch("/api/auctions/" + auctionId).then().statusCode(400)
                .body("errors.field", hasItem("attributes.make"));
        // a JSON merge patch: null removes (all the car attributes here), an object merges into the stored one
        Map<String, Object> move = new HashMap<>();
        move.put("categoryIds", List.of("c0000000-0000-4000-8000-000000000004"));
        move.put("attributes", null);
        given().auth().oauth2(sellerToken).contentType("application/merge-patch+json").body(move)
                .patch("/api/auctions/" + auctionId).then().statusCode(200).body("attributes", equalTo(Map.of()));
        given().auth().oauth2(sellerToken).contentType("application/merge-patch+json")
                .body(Map.of("attributes", Map.of("artist", "Unknown", "signed", false)))
                .patch("/api/auctions/" + auctionId).then().statusCode(200);
        Map<String, Object> unsign = new HashMap<>();
        unsign.put("signed", null);
        given().auth().oauth2(sellerToken).contentType("application/merge-patch+json")
                .body(Map.of("attributes", unsign))
                .patch("/api/auctions/" + auctionId).then().statusCode(200)
                .body("attributes", equalTo(Map.of("artist", "Unknown")));
        given().get("/api/auctions?sellerId=" + seller + "&category=art").then().body("items.id", equalTo(List.of(auctionId)));
        given().get("/api/auctions?sellerId=" + seller + "&category=vehicles").then().body("totalItems", equalTo(0));
    }

    @Test
    void onlyAdminsCreateCategoriesAndBadDefinitionsAreRefusedWithNothingStored() {
        long before = categories.count();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(sellerToken).contentType(ContentType.JSON).body(classicCars(suffix))
                .post("/api/categories").then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        given().contentType(ContentType.JSON).body(classicCars(suffix))
                .post("/api/categories").then().statusCode(401).contentType(Problem.MEDIA_TYPE);

        Map<String, Object> bad = Map.of("name", "Bad " + suffix, "parentId", CARS, "attributes", List.of(
                Map.of("key", "make", "label", "Make again", "type", "TEXT"),
                Map.of("key", "grade", "label", "Grade", "type", "ENUM"),
                Map.of("key", "weight", "label", "Weight", "type", "NUMBER", "options", List.of("light")),
                Map.of("key", "Bad Key", "label", "x", "type", "TEXT")));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(bad)
                .post("/api/categories").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItems("attributes[3].key"));
        Map<String, Object> rules = Map.of("name", "Bad " + suffix, "parentId", CARS, "attributes", List.of(
                Map.of("key", "make", "label", "Make again", "type", "TEXT"),
                Map.of("key", "grade", "label", "Grade", "type", "ENUM"),
                Map.of("key", "weight", "label", "Weight", "type", "NUMBER", "options", List.of("light"))));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(rules)
                .post("/api/categories").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", containsInAnyOrder("attributes[0].key", "attributes[1].options",
                        "attributes[2].options"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "Orphan " + suffix, "parentId", UUID.randomUUID().toString()))
                .post("/api/categories").then().statusCode(400).body("errors.field", hasItem("parentId"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "Cars", "slug", "cars"))
                .post("/api/categories").then().statusCode(409).contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("CATEGORY_EXISTS"));
        assertEquals(before, categories.count());
    }

    static Map<String, Object> carAttributes() {
        return Map.of("condition", "used", "year", 1968, "make", "Jaguar", "model", "E-Type", "mileage", 88000,
                "fuel", "petrol");
    }

    static Map<String, Object> auction(List<String> categoryIds, Map<String, Object> attributes) {
        Map<String, Object> body = AuctionResourceTest.auction(TestClocks.now().plus(2, ChronoUnit.DAYS));
        body.put("categoryIds", categoryIds);
        body.put("attributes", attributes);
        return body;
    }
}
