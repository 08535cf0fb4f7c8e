package dev.gavel.user.service;

import dev.gavel.common.error.DomainException;
import dev.gavel.user.config.UserConfig;
import io.agroal.api.AgroalDataSource;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Brute-force protection: a token bucket of failed logins per account and per client address, kept in PostgreSQL by
 * Bucket4j so that every replica of the service sees the same counts. Each failure takes a token; with no token left
 * the next attempt is answered 429 with {@code Retry-After} until the bucket refills.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED) // Bucket4j commits on its own connection
public class LoginThrottle {

    private final ProxyManager<String> buckets;
    private final Supplier<BucketConfiguration> perAccount;
    private final Supplier<BucketConfiguration> perClient;

    public LoginThrottle(AgroalDataSource dataSource, UserConfig config, Clock clock) {
        Duration window = config.loginThrottle().window();
        this.buckets = Bucket4jPostgreSQL.advisoryLockBasedBuilder(dataSource)
                .clientClock(timeMeter(clock))
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .lockIdSupplier(key -> (long) key.hashCode())
                .table("login_throttle").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
        this.perAccount = bucket(config.loginThrottle().accountFailures(), window);
        this.perClient = bucket(config.loginThrottle().clientFailures(), window);
    }

    /** Bucket4j reads the service's clock, so refills follow it (and tests can move it). */
    private static TimeMeter timeMeter(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    private static Supplier<BucketConfiguration> bucket(int failures, Duration window) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(failures).refillGreedy(failures, window))
                .build();
        return () -> configuration;
    }

    /** Refuses (429) when the account or the client has no failed attempts left. */
    public void checkAllowed(String email, String client) {
        for (BucketProxy bucket : buckets(email, client)) {
            if (bucket.getAvailableTokens() < 1) {
                long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
                long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos) + 1);
                throw DomainException.tooManyRequests("TOO_MANY_LOGIN_ATTEMPTS",
                        "Too many failed logins; try again in " + seconds + " s.", seconds);
            }
        }
    }

    public void recordFailure(String email, String client) {
        for (BucketProxy bucket : buckets(email, client)) {
            bucket.tryConsume(1);
        }
    }

    private List<BucketProxy> buckets(String email, String client) {
        return List.of(buckets.getProxy("account:" + email, perAccount),
                buckets.getProxy("client:" + client, perClient));
    }
}
