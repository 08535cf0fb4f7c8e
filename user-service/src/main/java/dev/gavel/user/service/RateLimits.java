package dev.gavel.user.service;

import dev.gavel.common.Hashing;
import dev.gavel.common.error.DomainException;
import dev.gavel.user.config.UserConfig;
import dev.gavel.common.persistence.Expiry;
import dev.gavel.common.time.ClockTimeMeter;
import io.agroal.api.AgroalDataSource;
import jakarta.persistence.EntityManager;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLadvisoryLockBasedProxyManager;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Rate limits of user-service: token buckets kept in PostgreSQL by Bucket4j, so that every replica sees the same
 * counts. A request takes its tokens before any work is done (before bcrypt for a login), atomically across the
 * buckets it needs: when one is empty, the tokens already taken are given back and the request is refused with 429
 * and {@code Retry-After}. Keys are hashed, so no e-mail or address is stored in the clear.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED) // Bucket4j commits on its own connection
public class RateLimits {

    /** What is limited, and by what key. */
    public enum Limit {
        /** Failed logins per (account, client address): someone else's guesses never lock the owner out. */
        LOGIN_ACCOUNT_CLIENT,
        /** Failed logins per client address, over all accounts. */
        LOGIN_CLIENT,
        /** Registrations, e-mail checks and reset requests per client address. */
        ABUSE_CLIENT,
        /** Registrations and reset requests per e-mail. */
        ABUSE_EMAIL
    }

    /** Tokens taken for one request, to give back when it turned out fine (a successful login). */
    public record Taken(List<BucketProxy> buckets) {
    }

    private final PostgreSQLadvisoryLockBasedProxyManager<String> buckets;
    private final Map<Limit, BucketConfiguration> configurations = new EnumMap<>(Limit.class);

    private final EntityManager entityManager;
    private final Clock clock;

    public RateLimits(AgroalDataSource dataSource, UserConfig config, Clock clock, EntityManager entityManager) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.buckets = Bucket4jPostgreSQL.advisoryLockBasedBuilder(dataSource)
                .clientClock(new ClockTimeMeter(clock))
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .lockIdSupplier(key -> (long) key.hashCode())
                .table("login_throttle").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
        UserConfig.LoginThrottle login = config.loginThrottle();
        UserConfig.AbuseLimits abuse = config.abuseLimits();
        configurations.put(Limit.LOGIN_ACCOUNT_CLIENT, bucket(login.accountFailures(), login.window()));
        configurations.put(Limit.LOGIN_CLIENT, bucket(login.clientFailures(), login.window()));
        configurations.put(Limit.ABUSE_CLIENT, bucket(abuse.perClient(), abuse.window()));
        configurations.put(Limit.ABUSE_EMAIL, bucket(abuse.perEmail(), abuse.window()));
    }

    /**
     * Takes one token from each named bucket ({@code limit, key} pairs), or none.
     *
     * @throws DomainException 429 {@code codeWhenRefused} when a bucket is empty
     */
    public Taken take(String codeWhenRefused, Object... limitsAndKeys) {
        List<BucketProxy> taken = new ArrayList<>();
        for (int i = 0; i < limitsAndKeys.length; i += 2) {
            Limit limit = (Limit) limitsAndKeys[i];
            BucketProxy bucket = buckets.getProxy(limit + ":" + Hashing.sha256(String.valueOf(limitsAndKeys[i + 1])),
                    () -> configurations.get(limit));
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                giveBack(new Taken(taken));
                long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
                throw DomainException.tooManyRequests(codeWhenRefused,
                        "Too many attempts; try again in " + seconds + " s.", seconds);
            }
            taken.add(bucket);
        }
        return new Taken(taken);
    }

    /** Returns the tokens of a request that went well (a login with the right password is no failure). */
    public void giveBack(Taken taken) {
        taken.buckets().forEach(bucket -> bucket.addTokens(1));
    }

    @Scheduled(every = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void expireOnSchedule() {
        expire();
    }

    /**
     * Deletes the buckets that have refilled and expired, in chunks; returns how many. Bucket4j writes each bucket's
     * expiry ({@code expires_at}, epoch milliseconds) by the service's clock, but its own {@code removeExpired} reads
     * the system clock, so the expiry is done here, by the same clock.
     */
    public int expire() {
        return Expiry.deleteBelow(entityManager, "login_throttle", "expires_at", clock.millis());
    }

    private static BucketConfiguration bucket(int tokens, Duration window) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(tokens).refillGreedy(tokens, window))
                .build();
    }
}
