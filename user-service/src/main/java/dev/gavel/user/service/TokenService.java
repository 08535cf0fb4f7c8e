package dev.gavel.user.service;

import dev.gavel.common.Hashing;
import dev.gavel.common.error.DomainException;
import dev.gavel.events.UserSessionsRevoked;
import dev.gavel.outbox.Outbox;
import dev.gavel.user.RefreshToken;
import dev.gavel.user.User;
import dev.gavel.user.config.UserConfig;
import dev.gavel.user.repository.RefreshTokenRepository;
import dev.gavel.user.repository.UserRepository;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Issues RS256 access tokens and rotating refresh tokens. A refresh token is single use: each refresh issues a new
 * pair in the same family; presenting a spent token again means it was stolen (or replayed), so the whole family is
 * revoked.
 */
@ApplicationScoped
@Transactional
public class TokenService {

    private static final Logger LOG = Logger.getLogger(TokenService.class);

    /** An issued pair. */
    public record Tokens(User user, String accessToken, String refreshToken, long expiresIn) {
    }

    private final SecureRandom random = new SecureRandom();
    private final UserConfig config;
    private final SigningKeys keys;
    private final RefreshTokenRepository refreshTokens;
    private final UserRepository users;
    private final Outbox outbox;
    private final Clock clock;

    public TokenService(UserConfig config, SigningKeys keys, RefreshTokenRepository refreshTokens, UserRepository users,
            Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        this.keys = keys;
        this.refreshTokens = refreshTokens;
        this.users = users;
    }

    /** A password sign-in or a registration: {@link #issue(User, String)} with {@code amr} {@code pwd}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Tokens issue(User user) {
        return issue(user, PASSWORD);
    }

    /**
     * A new access token and a refresh token opening a new family (a session), authenticated by {@code amr}
     * ({@code pwd}, or {@code pwd,otp} after a second factor); refreshes keep it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Tokens issue(User user, String amr) {
        UUID session = UUID.randomUUID();
        return new Tokens(user, accessToken(user, session, amr), newRefreshToken(user.id, session, amr),
                config.accessTokenLifetime().toSeconds());
    }

    public static final String PASSWORD = "pwd";
    public static final String PASSWORD_AND_OTP = "pwd,otp";

    /** Spends a refresh token for a new pair. A reuse revokes the family, and that revocation is kept. */
    @Transactional(dontRollbackOn = DomainException.class)
    public Tokens refresh(String presented) {
        Instant now = clock.instant();
        RefreshToken token = refreshTokens.lockByHash(sha256(presented)).orElseThrow(TokenService::invalid);
        if (token.usedAt != null && token.revokedAt == null) {
            LOG.warnf("refresh token reused: revoking token family %s of user %s", token.familyId, token.userId);
            refreshTokens.revokeFamily(token.familyId, now);
            sessionsRevoked(token.userId, token.familyId, UserSessionsRevoked.TOKEN_REUSE);
            throw invalid();
        }
        if (token.revokedAt != null || token.usedAt != null || !token.expiresAt.isAfter(now)) {
            throw invalid();
        }
        token.usedAt = now;
        User user = users.findByIdOptional(token.userId).orElseThrow(TokenService::invalid);
        if (user.status == User.Status.SUSPENDED) {
            throw DomainException.forbidden("ACCOUNT_SUSPENDED", "This account is suspended.");
        }
        return new Tokens(user, accessToken(user, token.familyId, token.amr),
                newRefreshToken(user.id, token.familyId, token.amr),
                config.accessTokenLifetime().toSeconds());
    }

    /**
     * Ends the session the refresh token belongs to, and tells the live feeds to close what it opened. Unknown or
     * already revoked tokens are ignored (logout is idempotent).
     */
    public void logout(String presented) {
        refreshTokens.lockByHash(sha256(presented)).filter(t -> t.revokedAt == null).ifPresent(t -> {
            refreshTokens.revokeFamily(t.familyId, clock.instant());
            sessionsRevoked(t.userId, t.familyId, UserSessionsRevoked.LOGOUT);
        });
    }

    /** Ends every session of the user (password change or reset, suspension), live connections included. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revokeAll(UUID userId, String reason) {
        refreshTokens.revokeAllOf(userId, clock.instant());
        sessionsRevoked(userId, null, reason);
    }

    private void sessionsRevoked(UUID userId, UUID sessionId, String reason) {
        outbox.publish(new UserSessionsRevoked(UUID.randomUUID(), userId, sessionId, reason, clock.instant()));
    }

    /** The access token of a session: {@code sid} names the session (the refresh-token family) it belongs to. */
    String accessToken(User user, UUID session, String amr) {
        return Jwt.subject(user.id.toString())
                .claim("sid", session.toString())
                .claim("amr", java.util.List.of(amr.split(",")))
                .upn(user.email)
                .groups(user.roleSet())
                .claim("name", user.displayName)
                .claim("anonymousBidding", user.anonymousBidding)
                .claim("email_verified", user.emailVerified)
                // how old the account is: bidding-service's shill signals flag accounts made just before bidding
                .claim("account_created_at", user.createdAt.getEpochSecond())
                // signed with the system time: every service verifies access tokens against its own system time
                .expiresIn(config.accessTokenLifetime())
                .jws()
                .keyId(keys.keyId())
                .sign();
    }

    private String newRefreshToken(UUID userId, UUID familyId, String amr) {
        String token = randomToken();
        RefreshToken row = new RefreshToken();
        row.id = UUID.randomUUID();
        row.userId = userId;
        row.familyId = familyId;
        row.amr = amr;
        row.tokenHash = sha256(token);
        row.issuedAt = clock.instant();
        row.expiresAt = row.issuedAt.plus(config.refreshTokenLifetime());
        refreshTokens.persist(row);
        return token;
    }

    /** 256 random bits, URL-safe. */
    String randomToken() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static String sha256(String value) {
        return Hashing.sha256(value);
    }

    static DomainException invalidMfaToken() {
        return DomainException.unauthorized("INVALID_MFA_TOKEN",
                "The sign-in step expired, was used, or had too many wrong codes; sign in again.");
    }

    private static DomainException invalid() {
        return DomainException.unauthorized("INVALID_REFRESH_TOKEN", "The refresh token is not valid.");
    }
}
