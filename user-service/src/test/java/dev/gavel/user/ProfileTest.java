package dev.gavel.user;

import dev.gavel.common.problem.Problem;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.gavel.user.UserTestSupport.register;
import static dev.gavel.user.UserTestSupport.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@UserServiceTest
class ProfileTest {

    @Test
    void onlyTheListedFieldsChangeAndMassAssignmentIsIgnored() {
        String email = uniqueEmail();
        Response registered = register(email);
        String token = registered.path("accessToken");
        String id = registered.path("user.id");

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Ann B.", "phone", "+43 1 234", "anonymousBidding", true,
                        "roles", List.of("ADMIN"), "email", "attacker@example.com", "id", "x", "accountType", "COMPANY"))
                .patch("/api/users/me")
                .then().statusCode(200)
                .body("displayName", equalTo("Ann B."))
                .body("phone", equalTo("+43 1 234"))
                .body("anonymousBidding", equalTo(true))
                .body("email", equalTo(email))
                .body("id", equalTo(id))
                .body("accountType", equalTo("INDIVIDUAL"))
                .body("roles", contains("USER"));
        given().auth().oauth2(token).get("/api/users/me").then()
                .body("displayName", equalTo("Ann B.")).body("roles", contains("USER")).body("email", equalTo(email));
    }

    @Test
    void invalidUpdatesAreRefused() {
        String token = register(uniqueEmail()).path("accessToken");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("displayName", ""))
                .patch("/api/users/me").then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("displayName"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("company", Map.of("legalName", "X GmbH", "tradeName", "X", "taxId", "ATU1")))
                .patch("/api/users/me").then().statusCode(400).body("errors.field", hasItem("company"));
        given().contentType(ContentType.JSON).body(Map.of("displayName", "Nobody"))
                .patch("/api/users/me").then().statusCode(401).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void nobodyChoosesTheirOwnRoles() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", uniqueEmail(), "password", "long enough password", "displayName", "Eve",
                        "accountType", "INDIVIDUAL", "roles", List.of("ADMIN")))
                .post("/api/auth/register")
                .then().statusCode(201).body("user.roles", contains("USER"));
    }

    @Test
    void companyAccountsCarryTheirCompany() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", uniqueEmail(), "password", "long enough password", "displayName", "ACME",
                        "accountType", "COMPANY", "company", Map.of("legalName", "ACME GmbH", "tradeName", "ACME", "taxId", "ATU123")))
                .post("/api/auth/register")
                .then().statusCode(201).body("user.company.legalName", equalTo("ACME GmbH"))
                .body("user.accountType", equalTo("COMPANY"));
    }
}
