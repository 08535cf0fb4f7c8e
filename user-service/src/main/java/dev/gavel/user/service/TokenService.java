package dev.gavel.user.service;

import dev.gavel.user.RefreshToken;
import dev.gavel.user.User;
import dev.gavel.user.config.UserConfig;
import dev.gavel.user.repository.RefreshTokenRepository;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/** Issues RS256 access tokens and opaque refresh tokens. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class TokenService {

    /** An issued pair. */
    public record Tokens(String accessToken, String refreshToken, long expiresIn) {
    }

    private final SecureRandom random = new SecureRandom();
    private final UserConfig config;
    private final SigningKeys keys;
    private final RefreshTokenRepository refreshTokens;

    public TokenService(UserConfig config, SigningKeys keys, RefreshTokenRepository refreshTokens) {
        this.config = config;
        this.keys = keys;
        this.refreshTokens = refreshTokens;
    }

    /** A new access token and a refresh token opening a new family (a login or a registration). */
    public Tokens issue(User user) {
        return new Tokens(accessToken(user), newRefreshToken(user.id, UUID.randomUUID()),
                config.accessTokenLifetime().toSeconds());
    }

    String accessToken(User user) {
        return Jwt.subject(user.id.toString())
                .upn(user.email)
                .groups(user.roleSet())
                .claim("name", user.displayName)
                .claim("anonymousBidding", user.anonymousBidding)
                .expiresIn(config.accessTokenLifetime())
                .jws()
                .keyId(keys.keyId())
                .sign();
    }

    String newRefreshToken(UUID userId, UUID familyId) {
        byte[] secret = new byte[32]; // 256 random bits
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        RefreshToken row = new RefreshToken();
        row.id = UUID.randomUUID();
        row.userId = userId;
        row.familyId = familyId;
        row.tokenHash = sha256(token);
        row.issuedAt = Instant.now();
        row.expiresAt = row.issuedAt.plus(config.refreshTokenLifetime());
        refreshTokens.persist(row);
        return token;
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
