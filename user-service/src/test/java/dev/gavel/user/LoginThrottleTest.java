package dev.gavel.user;

import dev.gavel.common.problem.Problem;
import dev.gavel.testkit.TestClocks;
import dev.gavel.user.config.UserConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static dev.gavel.user.UserTestSupport.PASSWORD;
import static dev.gavel.user.UserTestSupport.login;
import static dev.gavel.user.UserTestSupport.randomClient;
import static dev.gavel.user.UserTestSupport.register;
import static dev.gavel.user.UserTestSupport.uniqueEmail;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failed logins are limited per (account, client address) and per client address, in PostgreSQL (shared by all
 * replicas): a guesser is stopped, the owner is not locked out by someone else's guesses.
 */
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
    void aGuesserIsThrottledOnOneAccountFromOneAddressAndTheWindowLiftsIt() {
        String email = uniqueEmail();
        register(email).then().statusCode(201);
        String guesser = randomClient();
        for (int i = 0; i < 5; i++) {
            login(email, "wrong password " + i, guesser).then().statusCode(401);
        }
        // from that address, even the right password waits now
        login(email, PASSWORD, guesser).then().statusCode(429).contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", notNullValue())
                .body("code", equalTo("TOO_MANY_LOGIN_ATTEMPTS"));
        // other accounts are not affected
        String other = uniqueEmail();
        register(other).then().statusCode(201);
        login(other, PASSWORD, randomClient()).then().statusCode(200);
        // once the window has passed, the address may try again
        TestClocks.CLOCK.advance(window.plusSeconds(1));
        login(email, PASSWORD, guesser).then().statusCode(200);
    }

    @Test
    void theOwnerSignsInFromTheirOwnAddressAfterTwelveFailuresBySomeoneElse() {
        String email = uniqueEmail();
        register(email).then().statusCode(201);
        String attacker = randomClient();
        for (int i = 0; i < 12; i++) {
            int status = login(email, "guess " + i, attacker).statusCode();
            assertTrue(status == 401 || status == 429, "refused: " + status);
        }
        login(email, PASSWORD, randomClient()).then().statusCode(200);
    }

    @Test
    void parallelGuessesCannotOutrunTheLimit() {
        String email = uniqueEmail();
        register(email).then().statusCode(201);
        String guesser = randomClient();
        List<CompletableFuture<Response>> guesses = IntStream.range(0, 20)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> login(email, "parallel guess " + i, guesser)))
                .toList();
        List<Integer> statuses = guesses.stream().map(g -> g.join().statusCode()).toList();
        assertEquals(5, statuses.stream().filter(s -> s == 401).count(),
                "only as many passwords are checked as the limit allows: " + statuses);
        assertEquals(15, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
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
