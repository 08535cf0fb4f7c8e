package dev.gavel.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.testkit.Mailbox;
import io.restassured.http.ContentType;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Signs people up the way a newcomer does, through the gateway: register, open the verification mail in ./run's mail
 * catcher, follow its link, sign in again for a token that says the address is verified.
 */
final class Accounts {

    static final String PASSWORD = "a long enough password";

    private Accounts() {
    }

    /** The mail catcher of the running platform. */
    static Mailbox mailbox() {
        return new Mailbox(GavelPlatformExtension.platform().mailInboxUrl());
    }

    /** A new, verified account; returns its access token. */
    static String signUp(String name) {
        return signUp(name, name.toLowerCase() + "-" + UUID.randomUUID() + "@example.com");
    }

    static String signUp(String name, String email) {
        String gateway = "http://localhost:" + GavelPlatformExtension.config().gatewayPort();
        given().baseUri(gateway).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "displayName", name, "accountType", "INDIVIDUAL"))
                .post("/api/auth/register").then().statusCode(201);
        JsonNode mail = mailbox().await(email, "Verify your e-mail");
        String link = Mailbox.link(mail, gateway + "/verify-email?token=");
        given().baseUri(gateway).contentType(ContentType.JSON).body(Map.of("token", Mailbox.token(link)))
                .post("/api/auth/verify-email").then().statusCode(204);
        return given().baseUri(gateway).contentType(ContentType.JSON).body(Map.of("email", email, "password", PASSWORD))
                .post("/api/auth/login").then().statusCode(200).extract().path("accessToken");
    }
}
