package dev.gavel.common.security;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallerTest {

    /** A verified token as smallrye-jwt hands it over, counting how often its claims are read. */
    record Token(String raw, Map<String, Object> claims, AtomicInteger reads) implements JsonWebToken {

        Token(String raw, UUID subject, String name, boolean verified) {
            this(raw, Map.of("sub", subject.toString(), "name", name, "email_verified", verified,
                    "anonymousBidding", false, "account_created_at", 1_700_000_000L), new AtomicInteger());
        }

        @Override
        public String getName() {
            return (String) claims.get("name");
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            reads.incrementAndGet();
            return switch (claimName) {
                case "raw_token" -> (T) raw;
                default -> (T) claims.get(claimName);
            };
        }

        @Override
        public String getRawToken() {
            return raw;
        }

        @Override
        public String getSubject() {
            return (String) claims.get("sub");
        }
    }

    @Test
    void aTokensCallerIsReadOnceAndEachTokenHasItsOwn() {
        UUID ann = UUID.randomUUID();
        Token first = new Token("token-" + UUID.randomUUID(), ann, "Ann", false);
        Caller caller = Caller.of(first);
        assertEquals(new Caller(ann, "Ann", false, false, Instant.ofEpochSecond(1_700_000_000L)), caller);
        int reads = first.reads().get();
        assertEquals(caller, Caller.of(new Token(first.raw(), first.claims(), first.reads())));
        assertEquals(reads, first.reads().get(), "the same token's claims are not read again");

        // the same person after verifying their address signs in again: a new token, read anew
        Caller later = Caller.of(new Token("token-" + UUID.randomUUID(), ann, "Ann", true));
        assertTrue(later.emailVerified());
        assertFalse(Caller.of(first).emailVerified(), "the old token still says what it said");
    }
}
