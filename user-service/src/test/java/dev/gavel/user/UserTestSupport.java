package dev.gavel.user;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** The helpers every user-service test shares: unique accounts, sign-in, refresh. */
final class UserTestSupport {

    static final String PASSWORD = "correct horse battery";

    private UserTestSupport() {
    }

    static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    static Response register(String email) {
        return register(email, PASSWORD);
    }

    /** A registration from an address of its own (registrations are limited per client address). */
    static Response register(String email, String password) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", randomClient())
                .body(Map.of("email", email, "password", password, "displayName", "Ann Bidder",
                        "accountType", "INDIVIDUAL"))
                .post("/api/auth/register");
    }

    static Response login(String email, String password, String client) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", client)
                .body(Map.of("email", email, "password", password))
                .post("/api/auth/login");
    }

    static Response refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken)).post("/api/auth/refresh");
    }

    static String randomClient() {
        return "10." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
    }
}
