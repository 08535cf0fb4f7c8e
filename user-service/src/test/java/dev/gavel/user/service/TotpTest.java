package dev.gavel.user.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 6238 appendix B (SHA-1, the last six digits), the drift window and single use. */
class TotpTest {

    static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
            "59, 287082",
            "1111111109, 081804",
            "1111111111, 050471",
            "1234567890, 005924",
            "2000000000, 279037",
            "20000000000, 353130",
    })
    void rfc6238Vectors(long seconds, String code) {
        assertEquals(code, Totp.code(RFC_SECRET, Instant.ofEpochSecond(seconds)));
    }

    @ParameterizedTest
    @CsvSource({
            // offset of the code's step from now, last used step relative to now, accepted
            "0, -5, true",
            "-1, -5, true",
            "1, -5, true",
            "-2, -5, false",
            "2, -5, false",
            "0, 0, false",
            "1, 0, true",
            "-1, -1, false",
    })
    void aCodeIsTakenOneStepEitherSideAndOnlyAfterTheLastUsedStep(int offset, int lastUsed, boolean accepted) {
        Instant now = Instant.parse("2026-12-01T12:00:10Z");
        long step = Totp.step(now);
        String code = Totp.code(RFC_SECRET, Instant.ofEpochSecond((step + offset) * 30));
        OptionalLong result = Totp.verify(RFC_SECRET, code, now, step + lastUsed);
        assertEquals(accepted, result.isPresent());
        if (accepted) {
            assertEquals(step + offset, result.getAsLong());
        }
    }

    @Test
    void malformedCodesAndTheUriAppsRead() {
        Instant now = Instant.parse("2026-12-01T12:00:10Z");
        assertTrue(Totp.verify(RFC_SECRET, "12345", now, 0).isEmpty());
        assertTrue(Totp.verify(RFC_SECRET, "abcdef", now, 0).isEmpty());
        assertTrue(Totp.verify(RFC_SECRET, null, now, 0).isEmpty());
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Totp.base32(RFC_SECRET));
        assertEquals("otpauth://totp/Gavel%3Aann%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Gavel"
                + "&algorithm=SHA1&digits=6&period=30", Totp.uri("Gavel", "ann@example.com", RFC_SECRET));
    }
}
