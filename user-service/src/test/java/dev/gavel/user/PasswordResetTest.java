package dev.gavel.user;

import dev.gavel.common.problem.Problem;
import dev.gavel.testkit.TestClocks;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.gavel.user.UserTestSupport.PASSWORD;
import static dev.gavel.user.UserTestSupport.randomClient;
import static dev.gavel.user.UserTestSupport.refresh;
import static dev.gavel.user.UserTestSupport.register;
import static dev.gavel.user.UserTestSupport.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@UserServiceTest
class PasswordResetTest {

    @Inject
    MockMailbox mailbox;

    @Inject
    dev.gavel.user.config.UserConfig config;

    @BeforeEach
    void clear() {
        mailbox.clear();
    }

    /** Asks for a reset link (as the client {@code client}) and waits for the mail (it goes out after the commit). */
    String requestResetToken(String email, int mailsBefore) {
        return requestResetToken(email, email, mailsBefore);
    }

    String requestResetToken(String askedFor, String email, int mailsBefore) {
        given().contentType(ContentType.JSON).header("X-Forwarded-For", randomClient()).body(Map.of("email", askedFor))
                .post("/api/auth/password-reset").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.getMailsSentTo(email).size() > mailsBefore);
        List<Mail> mails = mailbox.getMailsSentTo(email);
        Matcher link = Pattern.compile("reset-password\\?token=(\\S+)").matcher(mails.get(mails.size() - 1).getText());
        assertTrue(link.find(), mails.get(mails.size() - 1).getText());
        return URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);
    }

    @Test
    void theMailedTokenSetsANewPasswordOnceAndEndsSessions() {
        String email = uniqueEmail();
        String session = register(email).path("refreshToken");

        String token = requestResetToken(email.toUpperCase(), email, 0);
        assertEquals(1, mailbox.getMailsSentTo(email).size());

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
        assertEquals(0, mailbox.getMailsSentTo(unknown).size());
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
