package dev.gavel.user;

import dev.gavel.common.problem.Problem;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static dev.gavel.user.UserTestSupport.register;
import static dev.gavel.user.UserTestSupport.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Addresses (CONTRACT §2b): at most ten, exactly one principal while any exist, also under concurrent changes. */
@UserServiceTest
class AddressesTest {

    static Map<String, Object> address(String label) {
        Map<String, Object> body = new HashMap<>();
        body.put("label", label);
        body.put("fullName", "Ann Bidder");
        body.put("line1", "Ringstraße 1");
        body.put("city", "Wien");
        body.put("postalCode", "1010");
        body.put("country", "at");
        return body;
    }

    static Response add(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/users/me/addresses");
    }

    static List<Map<String, Object>> list(String token) {
        return given().auth().oauth2(token).get("/api/users/me/addresses").then().statusCode(200).extract()
                .jsonPath().getList("$");
    }

    static long principals(String token) {
        return list(token).stream().filter(a -> Boolean.TRUE.equals(a.get("principal"))).count();
    }

    @Test
    void theFirstIsPrincipalChoosingAnotherMovesItDeletingHandsItOn() {
        String token = register(uniqueEmail()).path("accessToken");
        String home = add(token, address("Home")).then().statusCode(201).body("principal", equalTo(true))
                .body("country", equalTo("AT")).extract().path("id");
        String office = add(token, address("Office")).then().statusCode(201).body("principal", equalTo(false))
                .extract().path("id");
        Map<String, Object> cabin = address("Cabin");
        cabin.put("principal", true);
        String cabinId = add(token, cabin).then().statusCode(201).body("principal", equalTo(true)).extract().path("id");
        assertEquals(1, principals(token));
        assertEquals(cabinId, list(token).get(0).get("id"), "the principal comes first");

        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("principal", true, "line2", "Stiege 2"))
                .patch("/api/users/me/addresses/" + office).then().statusCode(200)
                .body("principal", equalTo(true)).body("line2", equalTo("Stiege 2"));
        assertEquals(1, principals(token));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("principal", false))
                .patch("/api/users/me/addresses/" + office).then().statusCode(409)
                .body("code", equalTo("PRINCIPAL_ADDRESS_REQUIRED"));

        given().auth().oauth2(token).delete("/api/users/me/addresses/" + office).then().statusCode(204);
        List<Map<String, Object>> left = list(token);
        assertEquals(2, left.size());
        assertEquals(home, left.get(0).get("id"), "the oldest remaining became principal");
        assertEquals(true, left.get(0).get("principal"));
    }

    @Test
    void everyChangeOfThePrincipalAddressIsPublishedForOrders() throws Exception {
        var registered = register(uniqueEmail());
        String token = registered.path("accessToken");
        String userId = registered.path("user.id");
        String home = add(token, address("Home")).then().statusCode(201).extract().path("id");
        Map<String, Object> office = address("Office");
        office.put("city", "Graz");
        office.put("principal", true);
        String officeId = add(token, office).then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).delete("/api/users/me/addresses/" + officeId).then().statusCode(204);
        given().auth().oauth2(token).delete("/api/users/me/addresses/" + home).then().statusCode(204);

        var records = dev.gavel.testkit.KafkaTestClient.await(dev.gavel.events.Topics.USER_ADDRESS_CHANGED,
                r -> userId.equals(r.key()), 4, java.time.Duration.ofSeconds(20));
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> cities = new ArrayList<>();
        for (var record : records) {
            var address = mapper.readTree(record.value()).get("address");
            cities.add(address.isNull() ? "none" : address.get("city").asText());
        }
        assertEquals(List.of("Wien", "Graz", "Wien", "none"), cities,
                "the principal address after each change, in order; none when the last one is gone");
    }

    @Test
    void badAddressesAreRefusedAndOthersAddressesAreNotFound() {
        String token = register(uniqueEmail()).path("accessToken");
        Map<String, Object> bad = address("Home");
        bad.put("country", "XX");
        add(token, bad).then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("country"));
        Map<String, Object> missing = address("Home");
        missing.remove("line1");
        add(token, missing).then().statusCode(400).body("errors.field", hasItem("line1"));
        assertEquals(0, list(token).size(), "nothing stored");

        String mine = add(token, address("Home")).then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("city", " "))
                .patch("/api/users/me/addresses/" + mine).then().statusCode(400).body("errors.field", hasItem("city"));
        String stranger = register(uniqueEmail()).path("accessToken");
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body(Map.of("city", "Graz"))
                .patch("/api/users/me/addresses/" + mine).then().statusCode(404);
        given().auth().oauth2(stranger).delete("/api/users/me/addresses/" + mine).then().statusCode(404);
        given().get("/api/users/me/addresses").then().statusCode(401);
        assertEquals("Wien", list(token).get(0).get("city"));
    }

    @Test
    void atMostTenAndOnePrincipalUnderConcurrentChanges() throws Exception {
        String token = register(uniqueEmail()).path("accessToken");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> adds = new ArrayList<>();
            for (int i = 0; i < 14; i++) {
                Map<String, Object> body = address("Place " + i);
                body.put("principal", true);
                adds.add(CompletableFuture.supplyAsync(() -> add(token, body).statusCode(), pool));
            }
            List<Integer> statuses = adds.stream().map(CompletableFuture::join).toList();
            assertEquals(10, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(4, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
            assertEquals(1, principals(token));

            List<CompletableFuture<Integer>> moves = new ArrayList<>();
            for (Map<String, Object> a : list(token)) {
                moves.add(CompletableFuture.supplyAsync(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body(Map.of("principal", true)).patch("/api/users/me/addresses/" + a.get("id")).statusCode(),
                        pool));
            }
            assertTrue(moves.stream().map(CompletableFuture::join).allMatch(s -> s == 200));
            assertEquals(1, principals(token), "still exactly one principal");
            given().auth().oauth2(token).get("/api/users/me/addresses").then().body("$", hasSize(10));
        } finally {
            pool.shutdownNow();
        }
    }
}
