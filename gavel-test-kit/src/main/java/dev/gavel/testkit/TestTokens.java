package dev.gavel.testkit;

import io.smallrye.jwt.build.Jwt;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * Access tokens shaped exactly like user-service's (RS256, iss, sub, upn, groups, name, anonymousBidding), signed
 * with the test key pair of {@link JwtKeysResource}. For services other than user-service.
 */
public final class TestTokens {

    private TestTokens() {
    }

    public static String user(UUID id, String displayName) {
        return token(id, displayName, false, "USER");
    }

    public static String admin(UUID id, String displayName) {
        return token(id, displayName, false, "USER", "ADMIN");
    }

    /** A user's token of session {@code sid} (the {@code sid} claim user-service puts in every access token). */
    public static String inSession(UUID id, String displayName, UUID sid) {
        return Jwt.issuer(issuer()).subject(id.toString()).upn("x@example.com").groups(Set.of("USER"))
                .claim("name", displayName).claim("sid", sid.toString()).expiresIn(Duration.ofMinutes(15)).sign();
    }

    /** Signed correctly but expired half an hour ago. */
    public static String expired(UUID id, String displayName) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(issuer()).subject(id.toString()).upn("x@example.com").groups(Set.of("USER"))
                .claim("name", displayName).issuedAt(now - 3600).expiresAt(now - 1800).sign();
    }

    /** Valid now, expiring {@code in} from now. */
    public static String expiringIn(UUID id, String displayName, Duration in) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(issuer()).subject(id.toString()).upn("x@example.com").groups(Set.of("USER"))
                .claim("name", displayName).issuedAt(now).expiresAt(now + in.toSeconds()).sign();
    }

    /** Signed with the right key by someone claiming to be another issuer. */
    public static String wrongIssuer(UUID id, String displayName) {
        return Jwt.issuer("https://evil.example").subject(id.toString()).upn("x@example.com").groups(Set.of("USER"))
                .claim("name", displayName).expiresIn(Duration.ofMinutes(15)).sign();
    }

    /** Signed with a key that is not the platform's. */
    public static String foreignKey(UUID id, String displayName) {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(issuer()).subject(id.toString()).upn("x@example.com").groups(Set.of("USER"))
                    .claim("name", displayName).expiresIn(Duration.ofMinutes(15))
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token whose payload was changed afterwards (the signature no longer matches). */
    public static String tampered(String token, UUID newSubject) {
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("\"sub\":\"[^\"]+\"", "\"sub\":\"" + newSubject + "\"")
                .replace("\"USER\"", "\"ADMIN\"");
        return parts[0] + "." + base64(payload) + "." + parts[2];
    }

    /** {@code alg: none}: no signature at all. */
    public static String unsigned(UUID id, String displayName) {
        long now = System.currentTimeMillis() / 1000;
        String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = base64("{\"iss\":\"" + issuer() + "\",\"sub\":\"" + id + "\",\"upn\":\"x@example.com\","
                + "\"groups\":[\"USER\",\"ADMIN\"],\"name\":\"" + displayName + "\",\"iat\":" + now + ",\"exp\":" + (now + 900) + "}");
        return header + "." + payload + ".";
    }

    private static String base64(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String issuer() {
        return ConfigProvider.getConfig().getValue("mp.jwt.verify.issuer", String.class);
    }

    /** A user whose e-mail address is not verified yet ({@code email_verified: false}). */
    public static String unverified(UUID id, String displayName) {
        return token(id, displayName, false, false, "USER");
    }

    /** A verified user's token (as user-service issues them once the address is verified). */
    public static String token(UUID id, String displayName, boolean anonymousBidding, String... roles) {
        return token(id, displayName, anonymousBidding, true, roles);
    }

    public static String token(UUID id, String displayName, boolean anonymousBidding, boolean verified,
            String... roles) {
        return builder(id, displayName, anonymousBidding, verified, roles).sign();
    }

    /** A verified user's token that says when their account was created (as user-service's tokens do). */
    public static String userCreatedAt(UUID id, String displayName, java.time.Instant accountCreatedAt) {
        return builder(id, displayName, false, true, "USER")
                .claim("account_created_at", accountCreatedAt.getEpochSecond()).sign();
    }

    private static io.smallrye.jwt.build.JwtClaimsBuilder builder(UUID id, String displayName, boolean anonymousBidding,
            boolean verified, String... roles) {
        String issuer = ConfigProvider.getConfig().getValue("mp.jwt.verify.issuer", String.class);
        return Jwt.issuer(issuer)
                .subject(id.toString())
                .upn(displayName.toLowerCase().replace(' ', '.') + "@example.com")
                .groups(Set.of(roles))
                .claim("name", displayName)
                .claim("anonymousBidding", anonymousBidding)
                .claim("email_verified", verified)
                .expiresIn(Duration.ofMinutes(15));
    }
}
