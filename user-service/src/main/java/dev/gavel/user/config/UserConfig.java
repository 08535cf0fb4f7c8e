package dev.gavel.user.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "gavel.user")
public interface UserConfig {

    /** bcrypt's cost for new password hashes (read by {@code Passwords}); only tests lower it. */
    @WithDefault("12")
    int passwordCost();

    @WithDefault("PT15M")
    Duration accessTokenLifetime();

    @WithDefault("P30D")
    Duration refreshTokenLifetime();

    /** E-mails that receive the ADMIN role (admins are bootstrapped from configuration, never by an endpoint). */
    Optional<List<String>> adminEmails();

    PasswordReset passwordReset();

    EmailVerification emailVerification();

    Mfa mfa();

    /** OpenID Connect providers by id (CONTRACT §2b); a provider without a client id is off. */
    Map<String, OidcProvider> oidc();

    interface OidcProvider {
        String name();

        /** The {@code iss} of its ID tokens. */
        String issuer();

        /** Our client id there: the {@code aud} its ID tokens must name. Unset: the provider is off. */
        Optional<String> clientId();

        /** Where its signing keys are published (JWKS); cached, fetched again for an unknown {@code kid}. */
        String jwksUrl();
    }

    LoginThrottle loginThrottle();

    AbuseLimits abuseLimits();

    /** How long used, revoked or expired refresh and reset tokens are kept before they are deleted. */
    @WithDefault("P1D")
    Duration expiredTokenRetention();

    interface PasswordReset {
        /** How long a reset link works (at most an hour). */
        @WithDefault("PT1H")
        Duration lifetime();

        /** The frontend page the mail links to; the token is appended as {@code ?token=}. */
        String link();
    }

    /** Two-factor sign-in (CONTRACT §2b). */
    interface Mfa {
        /** Base64 of 32 random bytes: the AES-256-GCM key of TOTP secrets at rest (a Secret in production). */
        String encryptionKey();

        /** The issuer shown in authenticator apps. */
        @WithDefault("Gavel")
        String issuer();

        /** How long an {@code mfaToken} lives. */
        @WithDefault("PT5M")
        Duration challengeLifetime();

        /** Wrong codes that end an {@code mfaToken}. */
        @WithDefault("5")
        int maxFailures();

        /** How long an e-mailed code works. */
        @WithDefault("PT10M")
        Duration emailCodeLifetime();
    }

    interface EmailVerification {
        /** How long a verification link works. */
        @WithDefault("P1D")
        Duration lifetime();

        /** The web-app page the mail links to; the token is appended as {@code ?token=}. */
        @WithDefault("http://localhost:8080/verify-email")
        String link();
    }

    /** Registrations, e-mail checks and reset requests (CONTRACT §2b "Abuse limits"). */
    interface AbuseLimits {
        @WithDefault("20")
        int perClient();

        @WithDefault("5")
        int perEmail();

        @WithDefault("PT1H")
        Duration window();
    }

    interface LoginThrottle {
        /** Failed logins per (account, client address) per window. */
        @WithDefault("5")
        int accountFailures();

        @WithDefault("30")
        int clientFailures();

        @WithDefault("PT15M")
        Duration window();
    }
}
