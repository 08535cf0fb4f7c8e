package dev.gavel.user;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.common.problem.Problem;
import dev.gavel.testkit.Mailbox;
import dev.gavel.testkit.TestClocks;
import dev.gavel.user.service.Totp;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.gavel.user.UserTestSupport.PASSWORD;
import static dev.gavel.user.UserTestSupport.randomClient;
import static dev.gavel.user.UserTestSupport.register;
import static dev.gavel.user.UserTestSupport.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two-factor sign-in (CONTRACT §2b) against real PostgreSQL and a real SMTP server; the test clock moves. */
@UserServiceTest
class TwoFactorTest {

    @Inject
    JWTParser jwt;

    record Enrolled(String email, String access, byte[] secret, List<String> recoveryCodes) {
    }

    static String now(byte[] secret) {
        return Totp.code(secret, TestClocks.now());
    }

    /** A user with an authenticator confirmed; the clock then moves a step on, so the next code is fresh. */
    static Enrolled enrolled() {
        String email = uniqueEmail();
        String access = register(email).path("accessToken");
        Response enrolment = given().auth().oauth2(access).post("/api/auth/mfa/totp");
        enrolment.then().statusCode(200).body("otpauthUri", startsWith("otpauth://totp/Gavel"));
        byte[] secret = new Base32().decode(enrolment.<String>path("secret"));
        given().auth().oauth2(access).contentType(ContentType.JSON).body(Map.of("code", "000000"))
                .post("/api/auth/mfa/totp/confirm").then().statusCode(400).body("code", equalTo("INVALID_MFA_CODE"));
        List<String> codes = given().auth().oauth2(access).contentType(ContentType.JSON)
                .body(Map.of("code", now(secret))).post("/api/auth/mfa/totp/confirm").then().statusCode(200)
                .body("recoveryCodes", hasSize(10)).extract().path("recoveryCodes");
        TestClocks.CLOCK.advance(Totp.STEP);
        return new Enrolled(email, access, secret, codes);
    }

    static Response login(String email) {
        return UserTestSupport.login(email, PASSWORD, randomClient());
    }

    static Response verify(String mfaToken, String method, String code) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("mfaToken", mfaToken, "method", method, "code", code)).post("/api/auth/mfa/verify");
    }

    @Test
    void withAnAuthenticatorAPasswordOnlyOpensAChallengeAndTheRightCodeSignsIn() throws Exception {
        Enrolled user = enrolled();
        Response challenge = login(user.email());
        challenge.then().statusCode(200).body("mfaRequired", equalTo(true)).body("accessToken", nullValue())
                .body("methods", contains("totp", "email", "recovery"));
        String mfaToken = challenge.path("mfaToken");

        verify(mfaToken, "totp", "123456").then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("INVALID_MFA_CODE"));
        Response signedIn = verify(mfaToken, "totp", now(user.secret()));
        signedIn.then().statusCode(200).body("refreshToken", org.hamcrest.Matchers.notNullValue());
        assertEquals(List.of("pwd", "otp"), List.copyOf(jwt.parse(signedIn.<String>path("accessToken"))
                .<java.util.Collection<String>>getClaim("amr").stream().map(Object::toString)
                .map(s -> s.replace("\"", "")).toList()));
        verify(mfaToken, "totp", now(user.secret())).then().statusCode(401)
                .body("code", equalTo("INVALID_MFA_TOKEN")); // a challenge is spent once

        // the same code never works twice, even in a new challenge
        String again = login(user.email()).path("mfaToken");
        verify(again, "totp", now(user.secret())).then().statusCode(401).body("code", equalTo("INVALID_MFA_CODE"));
    }

    @Test
    void fiveWrongCodesKillTheChallengeAndItLivesFiveMinutes() {
        Enrolled user = enrolled();
        String mfaToken = login(user.email()).path("mfaToken");
        for (int i = 0; i < 5; i++) {
            verify(mfaToken, "totp", "00000" + i).then().statusCode(401).body("code", equalTo("INVALID_MFA_CODE"));
        }
        verify(mfaToken, "totp", now(user.secret())).then().statusCode(401).body("code", equalTo("INVALID_MFA_TOKEN"));

        String later = login(user.email()).path("mfaToken");
        TestClocks.CLOCK.advance(Duration.ofMinutes(5).plusSeconds(1));
        verify(later, "totp", now(user.secret())).then().statusCode(401).body("code", equalTo("INVALID_MFA_TOKEN"));
    }

    @Test
    void anEmailedCodeWorksAndARecoveryCodeWorksOnce() {
        Enrolled user = enrolled();
        String mfaToken = login(user.email()).path("mfaToken");
        given().contentType(ContentType.JSON).header("X-Forwarded-For", randomClient())
                .body(Map.of("mfaToken", mfaToken)).post("/api/auth/mfa/email").then().statusCode(202);
        JsonNode mail = Mailbox.ofTestCatcher().await(user.email(), "sign-in code");
        Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(mail.get("text").asText());
        org.junit.jupiter.api.Assertions.assertTrue(code.find(), mail.get("text").asText());
        verify(mfaToken, "email", code.group(1)).then().statusCode(200);

        String recovery = user.recoveryCodes().get(3);
        verify(login(user.email()).path("mfaToken"), "recovery", recovery.toUpperCase()).then().statusCode(200);
        verify(login(user.email()).path("mfaToken"), "recovery", recovery).then().statusCode(401)
                .body("code", equalTo("INVALID_MFA_CODE"));
        given().contentType(ContentType.JSON).body(Map.of("mfaToken", "made-up")).post("/api/auth/mfa/email")
                .then().statusCode(401).body("code", equalTo("INVALID_MFA_TOKEN"));
    }

    @Test
    void turningItOffNeedsThePasswordAndACode() {
        Enrolled user = enrolled();
        given().auth().oauth2(user.access()).post("/api/auth/mfa/totp").then().statusCode(409)
                .body("code", equalTo("MFA_ALREADY_ENABLED"));
        given().auth().oauth2(user.access()).contentType(ContentType.JSON)
                .body(Map.of("password", "not the password", "code", now(user.secret())))
                .delete("/api/auth/mfa").then().statusCode(403).body("code", equalTo("WRONG_PASSWORD"));
        given().auth().oauth2(user.access()).contentType(ContentType.JSON)
                .body(Map.of("password", PASSWORD, "code", "999999"))
                .delete("/api/auth/mfa").then().statusCode(400).body("code", equalTo("INVALID_MFA_CODE"));
        login(user.email()).then().body("mfaRequired", equalTo(true));

        given().auth().oauth2(user.access()).contentType(ContentType.JSON)
                .body(Map.of("password", PASSWORD, "code", now(user.secret())))
                .delete("/api/auth/mfa").then().statusCode(204);
        login(user.email()).then().statusCode(200).body("accessToken", org.hamcrest.Matchers.notNullValue());
        given().post("/api/auth/mfa/totp").then().statusCode(401);
    }
}
