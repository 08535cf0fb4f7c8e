package dev.gavel.common.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VerifiedTokenCacheTest {

    static final long NOW = 1_800_000_000_000L;

    /** A stand-in verifier: accepts tokens "sub:exp" (exp in epoch seconds), rejects "bad…", counts its calls. */
    static final class CountingVerifier extends JWTCallerPrincipalFactory {
        final List<String> verified = new ArrayList<>();

        @Override
        public JWTCallerPrincipal parse(String token, JWTAuthContextInfo info) throws ParseException {
            verified.add(token);
            if (token.startsWith("bad")) {
                throw new ParseException("signature does not match");
            }
            String[] parts = token.split(":");
            JwtClaims claims = new JwtClaims();
            claims.setSubject(parts[0]);
            claims.setClaim("exp", Long.parseLong(parts[1]));
            return new DefaultJWTCallerPrincipal(claims);
        }
    }

    final CountingVerifier verifier = new CountingVerifier();
    final AtomicLong clock = new AtomicLong(NOW);
    final VerifiedTokenCache cache = new VerifiedTokenCache(verifier, clock::get);
    final JWTAuthContextInfo info = new JWTAuthContextInfo();

    @Test
    void aTokenIsVerifiedOnceAndThenServedUntilItsExpiry() throws Exception {
        String token = "alice:" + (NOW / 1000 + 60);
        JWTCallerPrincipal first = cache.parse(token, info);
        JWTCallerPrincipal second = cache.parse(token, info);

        assertSame(first, second);
        assertEquals("alice", second.getSubject());
        assertEquals(List.of(token), verifier.verified);

        clock.set(NOW + 60_000);
        cache.parse(token, info);
        assertEquals(2, verifier.verified.size(), "at its exp the token goes back to the verifier");
    }

    @Test
    void anotherTokenTextIsVerifiedOnItsOwn() throws Exception {
        cache.parse("alice:" + (NOW / 1000 + 60), info);
        JWTCallerPrincipal bob = cache.parse("bob:" + (NOW / 1000 + 60), info);

        assertEquals("bob", bob.getSubject());
        assertEquals(2, verifier.verified.size());
    }

    @Test
    void tokensThatEndAlikeAreToldApartByTheirWholeText() throws Exception {
        String tail = ":" + "s".repeat(VerifiedTokenCache.TokenText.HASHED_TAIL + 8); // the same "signature"
        JWTCallerPrincipal alice = cache.parse("alice:" + (NOW / 1000 + 60) + tail, info);
        JWTCallerPrincipal mallory = cache.parse("mallory:" + (NOW / 1000 + 60) + tail, info);

        assertEquals("mallory", mallory.getSubject());
        assertSame(alice, cache.parse("alice:" + (NOW / 1000 + 60) + tail, info));
        assertSame(mallory, cache.parse("mallory:" + (NOW / 1000 + 60) + tail, info));
        assertEquals(2, verifier.verified.size(), "each verified once, neither served for the other");
    }

    @Test
    void aRejectedTokenIsRejectedEveryTime() {
        assertThrows(ParseException.class, () -> cache.parse("bad:1", info));
        assertThrows(ParseException.class, () -> cache.parse("bad:1", info));
        assertEquals(2, verifier.verified.size());
    }

    @Test
    void aTokenPastItsExpIsNeverKept() throws Exception {
        String lateButWithinSkew = "carol:" + (NOW / 1000 - 5);
        cache.parse(lateButWithinSkew, info);
        cache.parse(lateButWithinSkew, info);
        assertEquals(2, verifier.verified.size(), "each use goes to the verifier, which applies its clock skew");
    }
}
