package dev.gavel.user;

import dev.gavel.common.problem.Problem;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static dev.gavel.user.UserTestSupport.PASSWORD;
import static dev.gavel.user.UserTestSupport.randomClient;
import static dev.gavel.user.UserTestSupport.register;
import static dev.gavel.user.UserTestSupport.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** External sign-in (OpenID Connect) against a local test issuer with its own keys: nothing calls the internet. */
@UserServiceTest
class ExternalSignInTest {

    static Response signIn(String idToken) {
        return signIn(idToken, null);
    }

    static Response signIn(String idToken, String nonce) {
        Map<String, Object> body = new HashMap<>();
        body.put("idToken", idToken);
        if (nonce != null) {
            body.put("nonce", nonce);
        }
        return given().contentType(ContentType.JSON).body(body).post("/api/auth/oidc/test");
    }

    static JwtClaimsBuilder valid(String email, boolean verified) {
        return OidcIssuerResource.claims("sub-" + UUID.randomUUID(), email, verified);
    }

    @Test
    void onlyConfiguredProvidersAreListed() {
        given().get("/api/auth/oidc/providers").then().statusCode(200).body("$", hasSize(1))
                .body("[0].id", equalTo("test")).body("[0].issuer", equalTo(OidcIssuerResource.ISSUER))
                .body("[0].clientId", equalTo(OidcIssuerResource.CLIENT_ID)).body("[0].name", equalTo("Test issuer"));
        // Google is configured but off until a client id is set
        signIn("x").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("idToken", "x")).post("/api/auth/oidc/google")
                .then().statusCode(404).body("code", equalTo("OIDC_PROVIDER_NOT_FOUND"));
    }

    @Test
    void aNewPersonGetsAnAccountWithoutAPasswordAndComesBackToIt() {
        String email = uniqueEmail();
        String subject = "sub-" + UUID.randomUUID();
        Response first = signIn(OidcIssuerResource.sign(OidcIssuerResource.claims(subject, email, true)), null);
        first.then().statusCode(200).body("accessToken", notNullValue()).body("user.email", equalTo(email))
                .body("user.emailVerified", equalTo(true)).body("user.displayName", equalTo("Olivia Ide"));
        String userId = first.path("user.id");
        signIn(OidcIssuerResource.sign(OidcIssuerResource.claims(subject, email, true))).then().statusCode(200)
                .body("user.id", equalTo(userId));
        // no password until one is set by reset
        UserTestSupport.login(email, PASSWORD, randomClient()).then().statusCode(401);
    }

    @Test
    void anExistingAccountIsLinkedOnlyWhenTheProviderVerifiedTheAddress() {
        String email = uniqueEmail();
        String userId = register(email).path("user.id");
        signIn(OidcIssuerResource.sign(valid(email, false))).then().statusCode(409).contentType(Problem.MEDIA_TYPE)
                .body("code", equalTo("ACCOUNT_EXISTS"));
        Response linked = signIn(OidcIssuerResource.sign(valid(email, true)));
        linked.then().statusCode(200).body("user.id", equalTo(userId)).body("user.emailVerified", equalTo(true));
        UserTestSupport.login(email, PASSWORD, randomClient()).then().statusCode(200); // the password still works
    }

    @Test
    void forgedOrStaleIdTokensAreRefused() {
        String email = uniqueEmail();
        assertRefused(signIn(OidcIssuerResource.sign(valid(email, true).audience("someone-else"))));
        assertRefused(signIn(OidcIssuerResource.sign(valid(email, true).issuer("https://evil.example"))));
        assertRefused(signIn(OidcIssuerResource.sign(valid(email, true)
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(600)))));
        assertRefused(signIn(OidcIssuerResource.signWithUnknownKey(valid(email, true))));
        assertRefused(signIn(OidcIssuerResource.sign(valid(email, true).claim("nonce", "n-1")), "n-2"));
        assertRefused(signIn(OidcIssuerResource.sign(valid(email, true)), "n-3")); // a nonce sent, none in the token
        assertRefused(signIn("not.a.token"));
        signIn(OidcIssuerResource.sign(valid(email, true).claim("nonce", "n-4")), "n-4").then().statusCode(200);
    }

    static void assertRefused(Response response) {
        response.then().statusCode(401).contentType(Problem.MEDIA_TYPE).body("code", equalTo("INVALID_ID_TOKEN"));
        assertEquals(401, response.statusCode());
    }
}
