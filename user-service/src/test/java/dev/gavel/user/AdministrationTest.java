package dev.gavel.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.common.problem.Problem;
import dev.gavel.events.Topics;
import dev.gavel.testkit.KafkaTestClient;
import dev.gavel.testkit.Mailbox;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
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
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Administration (CONTRACT §2b): list, suspend, reinstate, audit; ADMIN only. */
@UserServiceTest
class AdministrationTest {

    static String adminToken;

    /** boss@gavel.test is a configured admin (test profile): registered, verified, signed in. */
    static synchronized String admin() {
        if (adminToken == null) {
            String email = "boss@gavel.test";
            Response registered = register(email);
            if (registered.statusCode() == 201) {
                JsonNode mail = Mailbox.ofTestCatcher().await(email, "Verify your e-mail");
                String token = Mailbox.token(Mailbox.link(mail, "http://localhost:8080/verify-email?token="));
                given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/api/auth/verify-email")
                        .then().statusCode(204);
            }
            adminToken = UserTestSupport.login(email, PASSWORD, randomClient()).then().statusCode(200)
                    .body("user.roles", hasItem("ADMIN")).extract().path("accessToken");
        }
        return adminToken;
    }

    static Response suspend(String token, String userId, String reason) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", reason))
                .post("/api/users/" + userId + "/suspension");
    }

    @Test
    void aSuspendedAccountCannotSignInOrRefreshUntilReinstated() throws Exception {
        String email = uniqueEmail();
        Response registered = register(email);
        String userId = registered.path("user.id");

        suspend(admin(), userId, "shill bidding").then().statusCode(204);
        UserTestSupport.login(email, PASSWORD, randomClient()).then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("ACCOUNT_SUSPENDED"));
        UserTestSupport.login(email, "a wrong password!", randomClient()).then().statusCode(401)
                .body("code", equalTo("INVALID_CREDENTIALS")); // the suspension is told only to the password's owner
        refresh(registered.path("refreshToken")).then().statusCode(401); // every session was revoked

        List<ConsumerRecord<String, String>> suspended = KafkaTestClient.await(Topics.USER_SUSPENDED,
                r -> userId.equals(r.key()), 1, Duration.ofSeconds(30));
        JsonNode event = new ObjectMapper().readTree(suspended.get(0).value());
        assertEquals("shill bidding", event.get("reason").asText());
        assertEquals("/gavel/user-service", KafkaTestClient.header(suspended.get(0), "ce_source"));
        KafkaTestClient.await(Topics.USER_SESSIONS_REVOKED, r -> userId.equals(r.key())
                && r.value().contains("\"suspended\""), 1, Duration.ofSeconds(30));

        given().auth().oauth2(admin()).get("/api/users?status=SUSPENDED&q=" + email).then().statusCode(200)
                .body("items[0].id", equalTo(userId)).body("items[0].status", equalTo("SUSPENDED"))
                .body("items[0].emailVerified", equalTo(false)).body("totalItems", equalTo(1));

        given().auth().oauth2(admin()).delete("/api/users/" + userId + "/suspension").then().statusCode(204);
        UserTestSupport.login(email, PASSWORD, randomClient()).then().statusCode(200);
        assertEquals(1, KafkaTestClient.await(Topics.USER_REINSTATED, r -> userId.equals(r.key()), 1,
                Duration.ofSeconds(30)).size());

        given().auth().oauth2(admin()).get("/api/users/" + userId + "/audit").then().statusCode(200)
                .body("totalItems", equalTo(2))
                .body("items[0].action", equalTo("REINSTATED")).body("items[1].action", equalTo("SUSPENDED"))
                .body("items[1].reason", equalTo("shill bidding"));
    }

    @Test
    void everyAdminEndpointIs403ForOthersAnd401ForNobody() {
        String user = register(uniqueEmail()).path("accessToken");
        String someone = register(uniqueEmail()).path("user.id");
        given().auth().oauth2(user).get("/api/users").then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        suspend(user, someone, "because").then().statusCode(403);
        given().auth().oauth2(user).delete("/api/users/" + someone + "/suspension").then().statusCode(403);
        given().auth().oauth2(user).get("/api/users/" + someone + "/audit").then().statusCode(403);
        given().get("/api/users").then().statusCode(401);
        // the public profile stays public
        given().get("/api/users/" + someone).then().statusCode(200);
    }

    @Test
    void badAdminRequestsAreRefusedAndChangeNothing() {
        String someone = register(uniqueEmail()).path("user.id");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("reason", ""))
                .post("/api/users/" + someone + "/suspension").then().statusCode(400)
                .body("errors.field", hasItem("reason"));
        suspend(admin(), "00000000-0000-4000-8000-000000000000", "x").then().statusCode(404);
        given().auth().oauth2(admin()).get("/api/users?status=ODD").then().statusCode(400);
        given().auth().oauth2(admin()).get("/api/users?size=1000").then().statusCode(400);
        String adminId = given().auth().oauth2(admin()).get("/api/users/me").path("id");
        suspend(admin(), adminId, "oops").then().statusCode(409).body("code", equalTo("CANNOT_SUSPEND_SELF"));
        given().auth().oauth2(admin()).get("/api/users/" + someone + "/audit").then().statusCode(200)
                .body("totalItems", equalTo(0));
        given().auth().oauth2(admin()).get("/api/users?q=%25").then().statusCode(200)
                .body("totalItems", greaterThanOrEqualTo(0));
    }
}
