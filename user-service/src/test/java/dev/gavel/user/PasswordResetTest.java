package dev.gavel.user;

import dev.gavel.common.problem.Problem;
import dev.gavel.testkit.TestClocks;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.testkit.Mailbox;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.gavel.user.UserTestSupport.PASSWORD;
import static dev.gavel.user.UserTestSupport.randomClient;
import static dev.gavel.user.UserTestSupport.refresh;
import static dev.gavel.user.UserTestSupport.register;
import static dev.gavel.user.UserTestSupport.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Password reset by e-mail; the mails are read from the real SMTP server they were sent to (the mail catcher). */
@UserServiceTest
class PasswordResetTest {

    @Inject
    dev.gavel.user.config.UserConfig config;

    static List<JsonNode> resetMails(String email) {
        return Mailbox.ofTestCatcher().to(email).stream()
                .filter(m -> m.get("subject").asText().equals("Reset your Gavel password")).toList();
    }

    /** Asks for a reset link (as the client {@code client}) and waits for the mail (it goes out after the commit). */
    String requestResetToken(String email, int mailsBefore) {
        return requestResetToken(email, email, mailsBefore);
    }

    String requestResetToken(String askedFor, String email, int mailsBefore) {
        given().contentType(ContentType.JSON).header("X-Forwarded-For", randomClient()).body(Map.of("email", askedFor))
                .post("/api/auth/password-reset").then().statusCode(202);
        JsonNode newest = Mailbox.ofTestCatcher().awaitCount(email,
                m -> m.get("subject").asText().equals("Reset your Gavel password"), mailsBefore + 1).get(0);
        assertTrue(newest.get("html").asText().contains("Choose a new password"), "an HTML part too");
        return Mailbox.token(Mailbox.link(newest, "http://localhost:8080/reset-password?token="));
    }

    @Test
    void theMailedTokenSetsANewPasswordOnceAndEndsSessions() {
        String email = uniqueEmail();
        String session = register(email).path("refreshToken");

        String token = requestResetToken(email.toUpperCase(), email, 0);
        assertEquals(1, resetMails(email).size());

        given().contentType(ContentType.JSON).body(Map.of("token", token, "newPassword", "short"))
                .post("/api/auth/password-reset/confirm").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        given().contentType(ContentType.JSON).body(Map.of("token", token, "newPassword", "the reset password"))
                .post("/api/auth/password-reset/confirm").then().statusCode(204);
        UserTestSupport.login(email, "the reset password", randomClient()).then().statusCode(200);
        UserTestSupport.login(email, PASSWORD, randomClient()).then().statusCode(401);
        refresh(session).then().statusCode(401);

        // single use
        given().contentType(ContentType.JSON).body(Map.of("token", token, "newPassword", "yet another password"))
                .post("/api/auth/password-reset/confirm").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("INVALID_RESET_TOKEN"));
        UserTestSupport.login(email, "the reset password", randomClient()).then().statusCode(200);
    }

    @Test
    void anUnknownEmailGetsTheSameAnswerAndNoMail() {
        String unknown = uniqueEmail();
        given().contentType(ContentType.JSON).header("X-Forwarded-For", randomClient()).body(Map.of("email", unknown))
                .post("/api/auth/password-reset").then().statusCode(202);
        // a known address asked after it: once its mail is out, the unknown one's would have been too
        String known = uniqueEmail();
        register(known).then().statusCode(201);
        requestResetToken(known, 0);
        assertEquals(0, Mailbox.ofTestCatcher().to(unknown).size());
        given().contentType(ContentType.JSON).body(Map.of("token", "made-up", "newPassword", "a long password"))
                .post("/api/auth/password-reset/confirm").then().statusCode(400).body("code", equalTo("INVALID_RESET_TOKEN"));
    }

    @Test
    void aSuccessfulResetEndsEveryOtherLinkThatIsStillOut() {
        String email = uniqueEmail();
        register(email).then().statusCode(201);
        String first = requestResetToken(email, 0);
        String second = requestResetToken(email, 1);
        given().contentType(ContentType.JSON).body(Map.of("token", second, "newPassword", "the second password"))
                .post("/api/auth/password-reset/confirm").then().statusCode(204);
        given().contentType(ContentType.JSON).body(Map.of("token", first, "newPassword", "an attacker's password"))
                .post("/api/auth/password-reset/confirm").then().statusCode(400).body("code", equalTo("INVALID_RESET_TOKEN"));
        UserTestSupport.login(email, "the second password", randomClient()).then().statusCode(200);
    }

    @Test
    void aResetLinkExpiresAfterItsLifetime() {
        String email = uniqueEmail();
        register(email).then().statusCode(201);
        String token = requestResetToken(email, 0);

        TestClocks.CLOCK.advance(config.passwordReset().lifetime().plusSeconds(1));
        given().contentType(ContentType.JSON).body(Map.of("token", token, "newPassword", "the reset password"))
                .post("/api/auth/password-reset/confirm").then().statusCode(400).body("code", equalTo("INVALID_RESET_TOKEN"));
        UserTestSupport.login(email, PASSWORD, randomClient()).then().statusCode(200);
    }
}
