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
    private final Cache<TokenText, JWTCallerPrincipal> verified;

    public VerifiedTokenCache() {
        this(new DefaultJWTCallerPrincipalFactory(), System::currentTimeMillis);
    }

    VerifiedTokenCache(JWTCallerPrincipalFactory verifier, LongSupplier clockMillis) {
        this.verifier = verifier;
        this.clockMillis = clockMillis;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .expireAfter(Expiry.<TokenText, JWTCallerPrincipal>writing(
                        (token, principal) -> Duration.ofMillis(Math.max(0, millisLeft(principal)))))
                .build();
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        TokenText text = new TokenText(token);
        JWTCallerPrincipal known = verified.getIfPresent(text);
        if (known != null && millisLeft(known) > 0) {
            return known;
        }
        JWTCallerPrincipal principal = verifier.parse(token, authContextInfo);
        if (millisLeft(principal) > 0) {
            verified.put(text, principal);
        }
        return principal;
    }

    /**
     * A token's exact text as the cache's key: equal when the whole text is, hashed on its last characters only. Those
     * are the signature's, which differ between any two tokens the verifier accepted, and only accepted tokens are
     * kept, so a caller sending made-up tokens with a kept token's tail adds nothing to the cache. Hashing the whole
     * text (about 800 characters, a new string with every request) was 2 % of bidding-service's CPU under a bid storm
     * (gavel-bench SpreadStorm -Dlots=1, JFR, docs/benchmarks.md).
     */
    record TokenText(String text) {

        static final int HASHED_TAIL = 32;

        @Override
        public int hashCode() {
            int hash = 0;
            for (int i = Math.max(0, text.length() - HASHED_TAIL); i < text.length(); i++) {
                hash = 31 * hash + text.charAt(i);
            }
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TokenText that && text.equals(that.text);
        }
    }

    /** Until the token's {@code exp}; tokens within the verifier's clock skew after it are verified every time. */
    private long millisLeft(JWTCallerPrincipal principal) {
        return principal.getExpirationTime() * 1000 - clockMillis.getAsLong();
    }
}
