package dev.gavel.user;

import dev.gavel.common.problem.Problem;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.gavel.user.UserTestSupport.PASSWORD;
import static dev.gavel.user.UserTestSupport.randomClient;
import static dev.gavel.user.UserTestSupport.refresh;
import static dev.gavel.user.UserTestSupport.register;
import static dev.gavel.user.UserTestSupport.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Refresh-token rotation, reuse detection, logout and password change, against a real PostgreSQL. */
@UserServiceTest
class SessionsTest {

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
