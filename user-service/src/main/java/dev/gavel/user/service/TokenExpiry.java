package dev.gavel.user.service;

import dev.gavel.common.persistence.Expiry;
import dev.gavel.user.config.UserConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Clock;

/**
 * Deletes refresh, password-reset and e-mail verification tokens a while after they expired ({@code gavel.user.expired-token-retention},
 * one day): an expired token is refused whether or not its row is there, so keeping it would only grow the tables.
 * Rate-limit buckets expire in {@link RateLimits#expire}.
 */
@ApplicationScoped
public class TokenExpiry {

    private final EntityManager entityManager;
    private final UserConfig config;
    private final Clock clock;

    public TokenExpiry(EntityManager entityManager, UserConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void expireOnSchedule() {
        expire();
    }

    /** @return how many rows were deleted */
    public int expire() {
        var cutoff = clock.instant().minus(config.expiredTokenRetention());
        return Expiry.deleteOlderThan(entityManager, "refresh_token", "expires_at", cutoff)
                + Expiry.deleteOlderThan(entityManager, "password_reset_token", "expires_at", cutoff)
                + Expiry.deleteOlderThan(entityManager, "email_verification_token", "expires_at", cutoff);
    }
}
