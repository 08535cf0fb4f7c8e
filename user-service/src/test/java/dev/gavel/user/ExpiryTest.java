package dev.gavel.user;

import dev.gavel.testkit.TestClocks;
import dev.gavel.user.config.UserConfig;
import dev.gavel.user.service.RateLimits;
import dev.gavel.user.service.TokenExpiry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.gavel.user.UserTestSupport.login;
import static dev.gavel.user.UserTestSupport.randomClient;
import static dev.gavel.user.UserTestSupport.register;
import static dev.gavel.user.UserTestSupport.uniqueEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Refresh tokens, reset tokens and rate-limit buckets do not pile up: expired rows are deleted. */
@UserServiceTest
class ExpiryTest {

    @Inject
    TokenExpiry tokens;

    @Inject
    RateLimits limits;

    @Inject
    UserConfig config;

    @Inject
    EntityManager entityManager;

    long rows(String sql, Object parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }

    @Test
    void expiredRefreshTokensAndRefilledBucketsAreDeletedAndFreshOnesStay() {
        String email = uniqueEmail();
        UUID user = UUID.fromString(register(email).path("user.id"));
        login(email, "a wrong password", randomClient()).then().statusCode(401);
        assertEquals(1, rows("SELECT count(*) FROM refresh_token WHERE user_id = ?1", user));
        long buckets = rows("SELECT count(*) FROM login_throttle WHERE expires_at IS NOT NULL AND ?1 = ?1", 1);
        assertTrue(buckets > 0);

        tokens.expire();
        assertEquals(1, rows("SELECT count(*) FROM refresh_token WHERE user_id = ?1", user), "not expired yet");

        TestClocks.CLOCK.advance(config.refreshTokenLifetime().plus(config.expiredTokenRetention()).plusSeconds(1));
        assertTrue(tokens.expire() >= 1);
        assertEquals(0, rows("SELECT count(*) FROM refresh_token WHERE user_id = ?1", user));
        assertTrue(limits.expire() >= 1, "refilled buckets are gone");

        String fresh = uniqueEmail();
        UUID freshUser = UUID.fromString(register(fresh).path("user.id"));
        tokens.expire();
        assertEquals(1, rows("SELECT count(*) FROM refresh_token WHERE user_id = ?1", freshUser), "a live token stays");
    }
}
