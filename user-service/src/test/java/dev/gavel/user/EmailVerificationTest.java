package dev.gavel.user;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.common.problem.Problem;
import dev.gavel.embedded.MailCatcher;
import dev.gavel.testkit.MailCatcherResource;
import dev.gavel.testkit.Mailbox;
import dev.gavel.user.repository.OutgoingMailRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import dev.gavel.testkit.TestClocks;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static dev.gavel.user.UserTestSupport.PASSWORD;
import static dev.gavel.user.UserTestSupport.randomClient;
import static dev.gavel.user.UserTestSupport.refresh;
import static dev.gavel.user.UserTestSupport.register;
import static dev.gavel.user.UserTestSupport.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** E-mail verification (CONTRACT §2b): the mail is read from the real SMTP server it was sent to. */
@UserServiceTest
class EmailVerificationTest {

    static final String SUBJECT = "Verify your e-mail for Gavel";
    static final String LINK = "http://localhost:8080/verify-email?token=";

    @Inject
    JWTParser jwt;

    @Inject
    OutgoingMailRepository outbox;

    static String mailedToken(String email, int count) {
        JsonNode mail = Mailbox.ofTestCatcher().awaitCount(email, m -> m.get("subject").asText().equals(SUBJECT), count)
                .get(0);
        return Mailbox.token(Mailbox.link(mail, LINK));
    }

    static Response verify(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/api/auth/verify-email");
    }

    boolean verifiedClaim(String accessToken) throws Exception {
        return Boolean.parseBoolean(String.valueOf(jwt.parse(accessToken).<Object>getClaim("email_verified")));
    }

    Optional<Integer> queuedAttempts(String email) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.find("recipient", email).firstResultOptional()
                .map(mail -> mail.attempts));
    }

    @Test
    void aMailDecidedWhileTheMailServerIsDownGoesOutWhenItIsBack() {
        String email = uniqueEmail();
        MailCatcher catcher = MailCatcherResource.catcher();
        catcher.stopSmtp();
        try {
            register(email).then().statusCode(201);
            // kept, and tried again, while the server refuses connections
            await().atMost(Duration.ofSeconds(20)).until(() -> queuedAttempts(email).orElse(0) >= 2);
            assertTrue(Mailbox.ofTestCatcher().to(email).isEmpty());
        } finally {
            catcher.startSmtp();
        }
        verify(mailedToken(email, 1)).then().statusCode(204);
        // a sent mail leaves no link behind
        await().atMost(Duration.ofSeconds(10)).until(() -> queuedAttempts(email).isEmpty());
    }

    @Test
    void registrationMailsALinkThatVerifiesTheAddressOnce() throws Exception {
        String email = uniqueEmail();
        Response registered = register(email);
        registered.then().statusCode(201).body("user.emailVerified", equalTo(false));
        assertEquals(false, verifiedClaim(registered.path("accessToken")));

        JsonNode mail = Mailbox.ofTestCatcher().await(email, SUBJECT);
        assertTrue(mail.get("from").asText().contains("no-reply@gavel.dev"));
        assertTrue(mail.get("text").asText().contains("Hello Ann Bidder"), mail.get("text").asText());
        assertTrue(mail.get("html").asText().contains("Verify my e-mail") && mail.get("html").asText().contains(LINK));
        String token = Mailbox.token(Mailbox.link(mail, LINK));

        verify(token).then().statusCode(204);
        Response refreshed = refresh(registered.path("refreshToken"));
        refreshed.then().statusCode(200).body("user.emailVerified", equalTo(true));
        assertEquals(true, verifiedClaim(refreshed.path("accessToken")), "the next access token says so");
        given().auth().oauth2(refreshed.<String>path("accessToken")).get("/api/users/me").then()
                .body("emailVerified", equalTo(true));

        verify(token).then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("INVALID_VERIFICATION_TOKEN"));
        verify("made-up").then().statusCode(400).body("code", equalTo("INVALID_VERIFICATION_TOKEN"));
    }

    @Test
    void aLinkWorksFor24Hours() {
        String email = uniqueEmail();
        register(email).then().statusCode(201);
        String token = mailedToken(email, 1);
        TestClocks.CLOCK.advance(Duration.ofHours(24).plusSeconds(1));
        verify(token).then().statusCode(400).body("code", equalTo("INVALID_VERIFICATION_TOKEN"));
    }

    @Test
    void aResentLinkReplacesTheOldOneAndResendingIsLimited() {
        String email = uniqueEmail();
        Response registered = register(email);
        String access = registered.path("accessToken");
        String first = mailedToken(email, 1);

        given().header("X-Forwarded-For", randomClient()).post("/api/auth/verify-email/resend").then().statusCode(401);
        given().auth().oauth2(access).header("X-Forwarded-For", randomClient()).post("/api/auth/verify-email/resend")
                .then().statusCode(202);
        String second = mailedToken(email, 2);
        assertNotEquals(first, second);
        verify(first).then().statusCode(400).body("code", equalTo("INVALID_VERIFICATION_TOKEN"));

        // five mails an hour per address (the registration was the first): two more resends go, then 429
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(access).header("X-Forwarded-For", randomClient())
                    .post("/api/auth/verify-email/resend").then().statusCode(202);
        }
        given().auth().oauth2(access).header("X-Forwarded-For", randomClient()).post("/api/auth/verify-email/resend")
                .then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());

        verify(mailedToken(email, 5)).then().statusCode(204);
        TestClocks.CLOCK.advance(Duration.ofHours(2)); // past the abuse window
        given().auth().oauth2(access).header("X-Forwarded-For", randomClient()).post("/api/auth/verify-email/resend")
                .then().statusCode(409).body("code", equalTo("EMAIL_ALREADY_VERIFIED"));
    }

    @Test
    void aConfiguredAdminAddressBecomesAdminOnlyOnceVerified() {
        String email = "ops@gavel.test"; // listed in the test profile as Ops@Gavel.Test
        Response registered = given().contentType(ContentType.JSON).header("X-Forwarded-For", randomClient())
                .body(Map.of("email", "OPS@gavel.test", "password", PASSWORD, "displayName", "Ops",
                        "accountType", "INDIVIDUAL"))
                .post("/api/auth/register");
        registered.then().statusCode(201).body("user.roles", contains("USER"));
        UserTestSupport.login(email, PASSWORD, randomClient()).then().statusCode(200).body("user.roles", contains("USER"));

        verify(mailedToken(email, 1)).then().statusCode(204);
        UserTestSupport.login(email, PASSWORD, randomClient()).then().statusCode(200)
                .body("user.roles", containsInAnyOrder("USER", "ADMIN")).body("user.emailVerified", equalTo(true));
    }

    /** The page the mail links to: fetching it verifies nothing; its button does. */
    @Test
    void theLinkedPageVerifiesWithItsButtonOnly() throws Exception {
        String email = uniqueEmail();
        Response registered = register(email);
        String token = mailedToken(email, 1);

        String page = given().get("/verify-email?token=" + java.net.URLEncoder.encode(token, "UTF-8")).then()
                .statusCode(200).contentType("text/html").header("Content-Security-Policy",
                        org.hamcrest.Matchers.containsString("default-src 'none'"))
                .extract().asString();
        assertTrue(page.contains("<form method=\"post\" action=\"/verify-email\">") && page.contains(token), page);
        refresh(registered.path("refreshToken")).then().body("user.emailVerified", equalTo(false));

        given().contentType(ContentType.URLENC).formParam("token", token).post("/verify-email").then()
                .statusCode(200).body(org.hamcrest.Matchers.containsString("Your e-mail address is verified"));
        given().contentType(ContentType.URLENC).formParam("token", token).post("/verify-email").then()
                .statusCode(400).body(org.hamcrest.Matchers.containsString("This link is not valid"));
        String escaped = given().get("/verify-email?token=%22%3E%3Cscript%3Ex%3C/script%3E").then().statusCode(200)
                .extract().asString();
        assertTrue(!escaped.contains("<script>"), "the token is escaped: " + escaped);
    }
}
