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

    @Test
    void theMailedTokenSetsANewPasswordOnceAndEndsSessions() {
        String email = uniqueEmail();
        String session = register(email).path("refreshToken");

        given().contentType(ContentType.JSON).body(Map.of("email", email.toUpperCase()))
                .post("/api/auth/password-reset").then().statusCode(202);
        List<Mail> mails = mailbox.getMailsSentTo(email);
        assertEquals(1, mails.size());
        Matcher link = Pattern.compile("reset-password\\?token=(\\S+)").matcher(mails.get(0).getText());
        assertTrue(link.find(), mails.get(0).getText());
        String token = URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);

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
        given().contentType(ContentType.JSON).body(Map.of("email", uniqueEmail()))
                .post("/api/auth/password-reset").then().statusCode(202);
        assertEquals(0, mailbox.getTotalMessagesSent());
        given().contentType(ContentType.JSON).body(Map.of("token", "made-up", "newPassword", "a long password"))
                .post("/api/auth/password-reset/confirm").then().statusCode(400).body("code", equalTo("INVALID_RESET_TOKEN"));
    }

    @Test
    void aResetLinkExpiresAfterItsLifetime() {
        String email = uniqueEmail();
        register(email).then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("email", email))
                .post("/api/auth/password-reset").then().statusCode(202);
        Matcher link = Pattern.compile("reset-password\\?token=(\\S+)").matcher(mailbox.getMailsSentTo(email).get(0).getText());
        assertTrue(link.find());
        String token = URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);

        TestClocks.CLOCK.advance(config.passwordReset().lifetime().plusSeconds(1));
        given().contentType(ContentType.JSON).body(Map.of("token", token, "newPassword", "the reset password"))
                .post("/api/auth/password-reset/confirm").then().statusCode(400).body("code", equalTo("INVALID_RESET_TOKEN"));
        UserTestSupport.login(email, PASSWORD, randomClient()).then().statusCode(200);
    }
}
