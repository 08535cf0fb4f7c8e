package dev.gavel.user;

import dev.gavel.common.problem.Problem;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.gavel.user.UserTestSupport.randomClient;
import static dev.gavel.user.UserTestSupport.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Registration, e-mail checks and reset requests are limited per client address and per e-mail (CONTRACT §2b). */
@UserServiceTest
class AbuseLimitsTest {

    @Test
    void oneAddressCannotProbeEMailsWithoutEnd() {
        String client = randomClient();
        for (int i = 0; i < 20; i++) {
            given().header("X-Forwarded-For", client).queryParam("email", uniqueEmail()).get("/api/users/check-email")
                    .then().statusCode(200);
        }
        given().header("X-Forwarded-For", client).queryParam("email", uniqueEmail()).get("/api/users/check-email")
                .then().statusCode(429).contentType(Problem.MEDIA_TYPE).header("Retry-After", notNullValue())
                .body("code", equalTo("TOO_MANY_REQUESTS"));
        given().header("X-Forwarded-For", randomClient()).queryParam("email", uniqueEmail())
                .get("/api/users/check-email").then().statusCode(200);
    }

    @Test
    void oneEMailCannotBeFloodedWithResetMailsFromManyAddresses() {
        String email = uniqueEmail();
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", randomClient()).body(Map.of("email", email))
                    .post("/api/auth/password-reset").then().statusCode(202);
        }
        given().contentType(ContentType.JSON).header("X-Forwarded-For", randomClient()).body(Map.of("email", email))
                .post("/api/auth/password-reset").then().statusCode(429).body("code", equalTo("TOO_MANY_REQUESTS"));
    }

    @Test
    void registrationsAreLimitedPerAddress() {
        String client = randomClient();
        for (int i = 0; i < 20; i++) {
            given().contentType(ContentType.JSON).header("X-Forwarded-For", client)
                    .body(Map.of("email", uniqueEmail(), "password", "a long password", "displayName", "Bot " + i,
                            "accountType", "INDIVIDUAL"))
                    .post("/api/auth/register").then().statusCode(201);
        }
        given().contentType(ContentType.JSON).header("X-Forwarded-For", client)
                .body(Map.of("email", uniqueEmail(), "password", "a long password", "displayName", "Bot 21",
                        "accountType", "INDIVIDUAL"))
                .post("/api/auth/register").then().statusCode(429).body("code", equalTo("TOO_MANY_REQUESTS"));
    }
}
