package dev.gavel.common.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gavel.common.error.DomainException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The authenticated caller as read from a verified Gavel access token: {@code sub} (user id), {@code name} (display
 * name), {@code anonymousBidding}, {@code email_verified} and {@code account_created_at} (seconds since the epoch;
 * null in tokens issued before it was added).
 */
public record Caller(UUID id, String displayName, boolean anonymousBidding, boolean emailVerified,
        Instant accountCreatedAt) {

    /** A caller whose account's creation date is not known. */
    public Caller(UUID id, String displayName, boolean anonymousBidding, boolean emailVerified) {
        this(id, displayName, anonymousBidding, emailVerified, null);
    }

    /**
     * Callers already read, by their token's exact text (a signed token's claims never change; the token itself is
     * verified before a request gets here). Reading five claims through smallrye-jwt's JSON conversion for every
     * request was 4.4 % of bidding-service's CPU in a bid storm (gavel-bench BiddingBenchmark, docs/benchmarks.md).
     */
    private static final Cache<String, Caller> READ = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(15)).build();

    /** The caller of a request that requires authentication. */
    public static Caller of(JsonWebToken jwt) {
        String token = jwt.getRawToken();
        return token == null ? read(jwt) : READ.get(token, t -> read(jwt));
    }

    private static Caller read(JsonWebToken jwt) {
        return new Caller(UUID.fromString(jwt.getSubject()), string(jwt, "name"), bool(jwt, "anonymousBidding"),
                bool(jwt, "email_verified"), epochSeconds(jwt, "account_created_at"));
    }

    /**
     * Refuses (403 {@code EMAIL_NOT_VERIFIED}) a caller whose token does not say their address is verified: bidding,
     * buying and selling need a verified address (CONTRACT §2b). Read from the token, no call to user-service.
     */
    public Caller requireVerifiedEmail() {
        if (!emailVerified) {
            throw DomainException.forbidden("EMAIL_NOT_VERIFIED",
                    "Verify your e-mail address first: open the link we sent you, then sign in again.");
        }
        return this;
    }

    /** The caller's id, or {@code null} for an anonymous request. */
    public static UUID idOrNull(JsonWebToken jwt) {
        return jwt == null || jwt.getSubject() == null ? null : UUID.fromString(jwt.getSubject());
    }

    static String string(JsonWebToken jwt, String claim) {
        Object value = jwt.getClaim(claim);
        if (value instanceof JsonString json) {
            return json.getString();
        }
        return value == null ? null : value.toString();
    }

    static Instant epochSeconds(JsonWebToken jwt, String claim) {
        Object value = jwt.getClaim(claim);
        if (value instanceof JsonNumber number) {
            return Instant.ofEpochSecond(number.longValue());
        }
        return value instanceof Number number ? Instant.ofEpochSecond(number.longValue()) : null;
    }

    static boolean bool(JsonWebToken jwt, String claim) {
        Object value = jwt.getClaim(claim);
        return value == JsonValue.TRUE || Boolean.TRUE.equals(value) || "true".equals(String.valueOf(value));
    }
}
