package dev.gavel.user.service;

import dev.gavel.common.error.DomainException;
import io.quarkus.elytron.security.common.BcryptUtil;

import java.util.Locale;
import java.util.UUID;

/**
 * Password policy and hashing (bcrypt from Quarkus' Elytron library, cost 12; {@code gavel.user.password-cost}, which
 * only the tests lower, to bcrypt's minimum of 4: they check what the service does, not how slow a hash is).
 */
public final class Passwords {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;
    /** bcrypt reads the first 72 bytes and ignores the rest: a longer password would be weaker than it looks. */
    static final int MAX_BYTES = 72;
    private static final int COST = org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getOptionalValue("gavel.user.password-cost", Integer.class).orElse(12);
    /** Checked against when the e-mail is unknown, so that both answers cost the same time. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("not-a-real-password-" + UUID.randomUUID(), COST);

    private Passwords() {
    }

    /** Throws a 400 naming {@code field} when the password breaks the policy. */
    public static void checkPolicy(String field, String password, String email) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw DomainException.invalid(field, "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw DomainException.invalid(field, "must be at most " + MAX_BYTES
                    + " bytes in UTF-8 (bcrypt ignores anything longer)");
        }
        if (email != null && password.trim().toLowerCase(Locale.ROOT).equals(email.trim().toLowerCase(Locale.ROOT))) {
            throw DomainException.invalid(field, "must not be the e-mail address");
        }
    }

    public static String hash(String password) {
        return BcryptUtil.bcryptHash(password, COST);
    }

    /** Compares in constant work whether or not there is a stored hash. */
    public static boolean matches(String password, String storedHashOrNull) {
        boolean matches = BcryptUtil.matches(password, storedHashOrNull == null ? DUMMY_HASH : storedHashOrNull);
        return storedHashOrNull != null && matches;
    }
}
