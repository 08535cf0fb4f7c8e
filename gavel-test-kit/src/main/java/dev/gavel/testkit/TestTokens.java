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

    public static String token(UUID id, String displayName, boolean anonymousBidding, String... roles) {
        String issuer = ConfigProvider.getConfig().getValue("mp.jwt.verify.issuer", String.class);
        return Jwt.issuer(issuer)
                .subject(id.toString())
                .upn(displayName.toLowerCase().replace(' ', '.') + "@example.com")
                .groups(Set.of(roles))
                .claim("name", displayName)
                .claim("anonymousBidding", anonymousBidding)
                .expiresIn(Duration.ofMinutes(15))
                .sign();
    }
}
