package dev.gavel.user;

import dev.gavel.common.problem.Problem;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.events.Topics;
import dev.gavel.testkit.KafkaTestClient;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.gavel.user.UserTestSupport.PASSWORD;
import static dev.gavel.user.UserTestSupport.randomClient;
import static dev.gavel.user.UserTestSupport.refresh;
import static dev.gavel.user.UserTestSupport.register;
import static dev.gavel.user.UserTestSupport.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Refresh-token rotation, reuse detection, logout and password change, against a real PostgreSQL; revocations reach
 * the live feeds as {@code user-sessions-revoked} on the real Kafka broker.
 */
@UserServiceTest
class SessionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    JWTParser jwt;

    @Test
    void accessTokensNameTheirSessionAndKeepItAcrossRefreshes() throws Exception {
        Response registered = register(uniqueEmail());
        String sid = jwt.parse(registered.<String>path("accessToken")).getClaim("sid");
        assertTrue(sid != null && sid.length() == 36, "sid is the session id");
        Response refreshed = refresh(registered.path("refreshToken"));
        assertEquals(sid, jwt.parse(refreshed.<String>path("accessToken")).<String>getClaim("sid"));
    }

    @Test
    void accessTokensSayWhenTheAccountWasCreated() throws Exception {
        java.time.Instant before = dev.gavel.testkit.TestClocks.CLOCK.instant().minusSeconds(5);
        Response registered = register(uniqueEmail());
        Object claim = jwt.parse(registered.<String>path("accessToken")).getClaim("account_created_at");
        long createdAt = ((Number) (claim instanceof jakarta.json.JsonNumber n ? n.longValue() : claim)).longValue();
        assertTrue(createdAt >= before.getEpochSecond() && createdAt <= dev.gavel.testkit.TestClocks.CLOCK.instant().getEpochSecond() + 5,
                "account_created_at is the registration time in seconds since the epoch: " + createdAt);
        Response refreshed = refresh(registered.path("refreshToken"));
        Object again = jwt.parse(refreshed.<String>path("accessToken")).getClaim("account_created_at");
        assertEquals(createdAt, ((Number) (again instanceof jakarta.json.JsonNumber n ? n.longValue() : again)).longValue(),
                "the same date in every token of the account");
    }

    @Test
    void logoutPublishesTheEndOfThatSessionOnce() throws Exception {
        Response registered = register(uniqueEmail());
        String userId = registered.path("user.id");
        String sid = jwt.parse(registered.<String>path("accessToken")).getClaim("sid");
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON).body(Map.of("refreshToken", registered.<String>path("refreshToken")))
                    .post("/api/auth/logout").then().statusCode(204);
        }
        // a later event of the same user (same partition, relayed in order) marks the end of what the logouts wrote
        given().auth().oauth2(registered.<String>path("accessToken")).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", PASSWORD, "newPassword", "a brand new password"))
                .post("/api/auth/password").then().statusCode(204);
        List<JsonNode> events = revocations(userId, 2);
        JsonNode logout = events.get(0);
        assertEquals(sid, logout.get("sessionId").asText());
        assertEquals("logout", logout.get("reason").asText());
        assertEquals(userId, logout.get("userId").asText());
        assertTrue(logout.hasNonNull("eventId") && logout.hasNonNull("at"));
        assertEquals("password-changed", events.get(1).get("reason").asText(),
                "a second logout of the same session publishes nothing");
    }

    @Test
    void aPasswordChangePublishesTheEndOfEverySession() throws Exception {
        String email = uniqueEmail();
        Response registered = register(email);
        String userId = registered.path("user.id");
        given().auth().oauth2(registered.<String>path("accessToken")).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", PASSWORD, "newPassword", "a brand new password"))
                .post("/api/auth/password").then().statusCode(204);
        JsonNode event = revocations(userId, 1).get(0);
        assertTrue(event.get("sessionId").isNull(), "every session");
        assertEquals("password-changed", event.get("reason").asText());
    }

    /** Browsers keep the refresh token in an HttpOnly cookie on /api/auth; the page never sees it. */
    @Test
    void aBrowserKeepsItsRefreshTokenInAnHttpOnlyCookie() {
        String email = uniqueEmail();
        register(email).then().statusCode(201);
        Response login = given().contentType(ContentType.JSON).header("Gavel-Refresh-Cookie", "true")
                .header("X-Forwarded-For", randomClient())
                .body(Map.of("email", email, "password", PASSWORD)).post("/api/auth/login");
        login.then().statusCode(200).body("accessToken", notNullValue())
                .body("refreshToken", org.hamcrest.Matchers.nullValue());
        String setCookie = login.header("Set-Cookie");
        assertTrue(setCookie.startsWith("gavel_refresh=") && setCookie.contains("HttpOnly")
                && setCookie.contains("Secure") && setCookie.contains("SameSite=Strict")
                && setCookie.contains("Path=/api/auth"), setCookie);
        String first = login.getCookie("gavel_refresh");

        Response refreshed = given().contentType(ContentType.JSON).cookie("gavel_refresh", first).body("{}")
                .post("/api/auth/refresh");
        refreshed.then().statusCode(200).body("refreshToken", org.hamcrest.Matchers.nullValue());
        String second = refreshed.getCookie("gavel_refresh");
        assertNotEquals(first, second, "rotated");
        given().contentType(ContentType.JSON).cookie("gavel_refresh", first).body("{}").post("/api/auth/refresh")
                .then().statusCode(401); // spent: the family is revoked

        Response fresh = given().contentType(ContentType.JSON).header("Gavel-Refresh-Cookie", "true")
                .header("X-Forwarded-For", randomClient())
                .body(Map.of("email", email, "password", PASSWORD)).post("/api/auth/login");
        String cookie = fresh.getCookie("gavel_refresh");
        Response logout = given().contentType(ContentType.JSON).cookie("gavel_refresh", cookie).body("{}")
                .post("/api/auth/logout");
        logout.then().statusCode(204);
        assertTrue(logout.header("Set-Cookie").contains("Max-Age=0"), "the cookie is cleared");
        given().contentType(ContentType.JSON).cookie("gavel_refresh", cookie).body("{}").post("/api/auth/refresh")
                .then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").post("/api/auth/refresh").then().statusCode(401);
    }

    private static List<JsonNode> revocations(String userId, int count) {
        List<ConsumerRecord<String, String>> records = KafkaTestClient.await(Topics.USER_SESSIONS_REVOKED,
                r -> userId.equals(r.key()), count, Duration.ofSeconds(30));
        assertEquals(count, records.size(), "user-sessions-revoked records for " + userId);
        records.forEach(r -> assertEquals("/gavel/user-service", KafkaTestClient.header(r, "ce_source")));
        return records.stream().map(r -> read(r.value())).toList();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRefreshTokenIsSingleUseAndEachRefreshRotatesThePair() {
        String email = uniqueEmail();
        Response registered = register(email);
        String first = registered.path("refreshToken");
        Response refreshed = refresh(first);
        refreshed.then().statusCode(200).body("accessToken", notNullValue()).body("user.email", equalTo(email))
                .body("tokenType", equalTo("Bearer"));
        String second = refreshed.path("refreshToken");
        assertNotEquals(first, second);
        given().auth().oauth2(refreshed.<String>path("accessToken")).get("/api/users/me").then().statusCode(200);
        refresh(second).then().statusCode(200);
    }

    @Test
    void presentingASpentTokenRevokesTheWholeFamily() {
        String first = register(uniqueEmail()).path("refreshToken");
        String second = refresh(first).then().statusCode(200).extract().path("refreshToken");
        // the thief (or a replay) uses the spent token: refused, and the family is revoked
        refresh(first).then().statusCode(401).contentType(Problem.MEDIA_TYPE).body("code", equalTo("INVALID_REFRESH_TOKEN"));
        // so the legitimate holder's newer token no longer works either
        refresh(second).then().statusCode(401);
    }

    @Test
    void logoutEndsTheSessionButNotOthers() {
        String email = uniqueEmail();
        String registered = register(email).path("refreshToken");
        String otherSession = UserTestSupport.login(email, PASSWORD, randomClient()).then().statusCode(200)
                .extract().path("refreshToken");
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", registered)).post("/api/auth/logout")
                .then().statusCode(204);
        refresh(registered).then().statusCode(401);
        refresh(otherSession).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", "unknown")).post("/api/auth/logout")
                .then().statusCode(204);
    }

    @Test
    void changingThePasswordRevokesEverySession() {
        String email = uniqueEmail();
        Response registered = register(email);
        String access = registered.path("accessToken");
        String session = registered.path("refreshToken");

        given().auth().oauth2(access).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "wrong password!", "newPassword", "a brand new password"))
                .post("/api/auth/password").then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("WRONG_PASSWORD"));
        given().auth().oauth2(access).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", PASSWORD, "newPassword", "short"))
                .post("/api/auth/password").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        given().contentType(ContentType.JSON)
                .body(Map.of("currentPassword", PASSWORD, "newPassword", "a brand new password"))
                .post("/api/auth/password").then().statusCode(401);
        refresh(session).then().statusCode(200); // nothing changed so far

        String session2 = UserTestSupport.login(email, PASSWORD, randomClient()).path("refreshToken");
        given().auth().oauth2(access).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", PASSWORD, "newPassword", "a brand new password"))
                .post("/api/auth/password").then().statusCode(204);
        refresh(session2).then().statusCode(401);
        UserTestSupport.login(email, PASSWORD, randomClient()).then().statusCode(401);
        UserTestSupport.login(email, "a brand new password", randomClient()).then().statusCode(200);
    }
}
