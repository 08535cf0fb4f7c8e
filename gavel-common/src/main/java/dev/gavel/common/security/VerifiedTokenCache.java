package dev.gavel.common.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Verifies each access token once for its lifetime instead of once per request. The first request with a token goes
 * through smallrye-jwt's full verification (RS256 signature, issuer, expiry); the verified token is then kept, keyed
 * by its exact text, until its {@code exp}, and later requests with the same text reuse it. A token whose text differs
 * in any byte (another signature included) is verified anew, and an expired one is never served from here, so what is
 * accepted is exactly what the verifier accepts. RSA verification is the most expensive step of an authenticated
 * request (about a quarter of bidding-service's CPU under a bidding storm).
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class VerifiedTokenCache extends JWTCallerPrincipalFactory {

    /** Enough for every user active within one token lifetime on one replica; beyond it the least used go first. */
    static final long MAX_TOKENS = 50_000;

    private final JWTCallerPrincipalFactory verifier;
    private final LongSupplier clockMillis;
    private final Cache<String, JWTCallerPrincipal> verified;

    public VerifiedTokenCache() {
        this(new DefaultJWTCallerPrincipalFactory(), System::currentTimeMillis);
    }

    VerifiedTokenCache(JWTCallerPrincipalFactory verifier, LongSupplier clockMillis) {
        this.verifier = verifier;
        this.clockMillis = clockMillis;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .expireAfter(Expiry.<String, JWTCallerPrincipal>writing(
                        (token, principal) -> Duration.ofMillis(Math.max(0, millisLeft(principal)))))
                .build();
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        JWTCallerPrincipal known = verified.getIfPresent(token);
        if (known != null && millisLeft(known) > 0) {
            return known;
        }
        JWTCallerPrincipal principal = verifier.parse(token, authContextInfo);
        if (millisLeft(principal) > 0) {
            verified.put(token, principal);
        }
        return principal;
    }

    /** Until the token's {@code exp}; tokens within the verifier's clock skew after it are verified every time. */
    private long millisLeft(JWTCallerPrincipal principal) {
        return principal.getExpirationTime() * 1000 - clockMillis.getAsLong();
    }
}
