package dev.gavel.user;

import dev.gavel.common.problem.Problem;
import dev.gavel.testkit.TestClocks;
import dev.gavel.user.config.UserConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.gavel.user.UserTestSupport.PASSWORD;
import static dev.gavel.user.UserTestSupport.login;
import static dev.gavel.user.UserTestSupport.randomClient;
import static dev.gavel.user.UserTestSupport.register;
import static dev.gavel.user.UserTestSupport.uniqueEmail;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Repeated failures get 429 with Retry-After; the counts live in PostgreSQL (shared by all replicas). */
@UserServiceTest
class LoginThrottleTest {

    @Inject
    UserConfig config;

    Duration window;

    @BeforeEach
    void window() {
        window = config.loginThrottle().window();
    }

    @Test
    void anAccountIsThrottledAfterRepeatedFailuresFromAnyClient() {
        String email = uniqueEmail();
        register(email).then().statusCode(201);
        for (int i = 0; i < 5; i++) {
            login(email, "wrong password " + i, randomClient()).then().statusCode(401);
        }
        // even the right password waits now, from any address
        login(email, PASSWORD, randomClient()).then().statusCode(429).contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", notNullValue())
                .body("code", equalTo("TOO_MANY_LOGIN_ATTEMPTS"));
        // other accounts are not affected
        String other = uniqueEmail();
        register(other).then().statusCode(201);
        login(other, PASSWORD, randomClient()).then().statusCode(200);
        // once the window has passed, the account signs in again
        TestClocks.CLOCK.advance(window.plusSeconds(1));
        login(email, PASSWORD, randomClient()).then().statusCode(200);
    }

    @Test
    void aClientIsThrottledAfterFailuresAcrossAccounts() {
        String client = randomClient();
        for (int i = 0; i < 10; i++) {
            login(uniqueEmail(), "wrong password", client).then().statusCode(401);
        }
        String email = uniqueEmail();
        register(email).then().statusCode(201);
        login(email, PASSWORD, client).then().statusCode(429).header("Retry-After", notNullValue());
        login(email, PASSWORD, randomClient()).then().statusCode(200);
    }
}
