package dev.gavel.user;

import dev.gavel.common.problem.Problem;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static dev.gavel.user.UserTestSupport.register;
import static dev.gavel.user.UserTestSupport.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@UserServiceTest
class AuthResourceTest {

    @Test
    void registerReturnsProfileAndTokens() {
        String email = uniqueEmail();
        Response response = register(email.toUpperCase(), "correct horse battery");
        response.then().statusCode(201)
                .body("user.email", equalTo(email))
                .body("user.displayName", equalTo("Ann Bidder"))
                .body("user.roles", hasItem("USER"))
                .body("user.anonymousBidding", equalTo(false))
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("refreshToken", notNullValue())
                .body("user.passwordHash", nullValue());
        String token = response.path("accessToken");
        Map<?, ?> claims = claims(token);
        assertEquals(response.path("user.id"), claims.get("sub"));
        assertEquals(email, claims.get("upn"));
        assertEquals("Ann Bidder", claims.get("name"));
        assertEquals(false, claims.get("anonymousBidding"));
        assertEquals("https://gavel.dev", claims.get("iss"));
        assertEquals(900L, ((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue());
    }

    @Test
    void duplicateEmailInAnotherCaseIsAConflict() {
        String email = uniqueEmail();
        register(email, "correct horse battery").then().statusCode(201);
        register(email.toUpperCase(), "another long password").then().statusCode(409)
                .contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("EMAIL_TAKEN"))
                .body("status", equalTo(409));
    }

    @Test
    void weakOrMissingInputIsABadRequestNamingTheField() {
        register(uniqueEmail(), "short").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem("password"));
        String email = uniqueEmail();
        register(email, email).then().statusCode(400).body("errors.field", hasItem("password"));
        given().contentType(ContentType.JSON)
                .body(Map.of("email", uniqueEmail(), "password", "long enough password", "displayName", "Corp",
                        "accountType", "COMPANY"))
                .post("/api/auth/register")
                .then().statusCode(400).body("errors.field", hasItem("company"));
        given().contentType(ContentType.JSON).body("{\"email\": ")
                .post("/api/auth/register")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("title", equalTo("Bad Request"));
        given().contentType(ContentType.JSON)
                .body(Map.of("email", uniqueEmail(), "password", "long enough password", "displayName", "X",
                        "accountType", "ROBOT"))
                .post("/api/auth/register")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("accountType"));
    }

    @Test
    void loginSucceedsAndWrongCredentialsAnswerTheSameForUnknownEmail() {
        String email = uniqueEmail();
        register(email, "correct horse battery").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "correct horse battery"))
                .post("/api/auth/login")
                .then().statusCode(200).body("user.email", equalTo(email)).body("accessToken", notNullValue());

        String wrongPassword = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "wrong horse battery"))
                .post("/api/auth/login")
                .then().statusCode(401).contentType(Problem.MEDIA_TYPE).extract().asString();
        String unknownEmail = given().contentType(ContentType.JSON)
                .body(Map.of("email", uniqueEmail(), "password", "wrong horse battery"))
                .post("/api/auth/login")
                .then().statusCode(401).contentType(Problem.MEDIA_TYPE).extract().asString();
        assertEquals(wrongPassword, unknownEmail);
    }

    @Test
    void meNeedsAValidTokenAndShowsTheProfile() {
        String email = uniqueEmail();
        String token = register(email, "correct horse battery").path("accessToken");
        given().auth().oauth2(token).get("/api/users/me")
                .then().statusCode(200).body("email", equalTo(email)).body("passwordHash", nullValue());
        given().get("/api/users/me").then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", containsString("Bearer"));
        given().auth().oauth2(token.substring(0, token.length() - 4) + "AAAA").get("/api/users/me")
                .then().statusCode(401).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void publicProfileAndEmailCheck() {
        String email = uniqueEmail();
        String id = register(email, "correct horse battery").path("user.id");
        given().get("/api/users/" + id).then().statusCode(200)
                .body("displayName", equalTo("Ann Bidder")).body("memberSince", notNullValue())
                .body("email", nullValue());
        given().get("/api/users/" + UUID.randomUUID()).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        given().get("/api/users/not-a-uuid").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        given().queryParam("email", email.toUpperCase()).get("/api/users/check-email")
                .then().statusCode(200).body("exists", equalTo(true));
        given().queryParam("email", uniqueEmail()).get("/api/users/check-email")
                .then().statusCode(200).body("exists", equalTo(false));
    }

    @Test
    void jwksPublishesTheKeyThatSignsTokens() {
        String token = register(uniqueEmail(), "correct horse battery").path("accessToken");
        String kid = (String) header(token).get("kid");
        assertEquals("RS256", header(token).get("alg"));
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys[0].kid", equalTo(kid))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].d", nullValue());
    }

    @Test
    void unknownPathsAreProblemJson() {
        given().get("/api/users/me/nothing/here").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    static Map<?, ?> claims(String jwt) {
        return decode(jwt.split("\\.")[1]);
    }

    static Map<?, ?> header(String jwt) {
        return decode(jwt.split("\\.")[0]);
    }

    private static Map<?, ?> decode(String part) {
        try {
            String json = new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
            assertTrue(json.startsWith("{"));
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsRefused() {
        // 40 characters, 80 bytes in UTF-8: bcrypt would ignore the last 8 bytes
        String password = "ü".repeat(40);
        register(uniqueEmail(), password).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem("password"));
        register(uniqueEmail(), "ü".repeat(36)).then().statusCode(201);
    }

    @Test
    void tokenAnswersAreNeverCached() {
        Response registered = register(uniqueEmail(), "correct horse battery");
        registered.then().statusCode(201).header("Cache-Control", "no-store");
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", registered.<String>path("refreshToken")))
                .post("/api/auth/refresh").then().statusCode(200).header("Cache-Control", "no-store");
    }
}
