package dev.gavel.user.service;

import dev.gavel.common.error.DomainException;
import dev.gavel.user.config.UserConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Verifies ID tokens of the configured OpenID Connect providers with smallrye-jwt: the signature against the
 * provider's JWKS (cached; fetched again when a token names an unknown {@code kid}), {@code iss}, {@code aud} (our
 * client id), {@code exp}, and {@code nonce} when the client sent one.
 */
@ApplicationScoped
public class IdTokenVerifier {

    private static final Logger LOG = Logger.getLogger(IdTokenVerifier.class);

    /** A configured provider that is on. */
    public record Provider(String id, String name, String issuer, String clientId) {
    }

    /** What a verified ID token says about its holder. */
    public record Identity(String subject, String email, boolean emailVerified, String name) {
    }

    private final Map<String, Provider> providers = new TreeMap<>();
    private final Map<String, JWTParser> parsers = new TreeMap<>();

    public IdTokenVerifier(UserConfig config) {
        config.oidc().forEach((id, p) -> p.clientId().filter(c -> !c.isBlank()).ifPresent(clientId -> {
            providers.put(id, new Provider(id, p.name(), p.issuer(), clientId));
            JWTAuthContextInfo info = new JWTAuthContextInfo(p.jwksUrl(), p.issuer());
            info.setExpectedAudience(Set.of(clientId));
            info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256));
            info.setForcedJwksRefreshInterval(1); // minutes: an unknown kid fetches the keys again (rotation)
            parsers.put(id, new DefaultJWTParser(info, new DefaultJWTCallerPrincipalFactory()));
        }));
    }

    public List<Provider> providers() {
        return List.copyOf(providers.values());
    }

    public Identity verify(String providerId, String idToken, String nonce) {
        JWTParser parser = parsers.get(providerId);
        if (parser == null) {
            throw DomainException.notFound("OIDC_PROVIDER_NOT_FOUND", "No such sign-in provider.");
        }
        JsonWebToken token;
        try {
            token = parser.parse(idToken);
        } catch (ParseException e) {
            LOG.infof("an ID token of %s was refused: %s", providerId, e.getMessage());
            throw invalid();
        }
        if (nonce != null && !nonce.equals(string(token.getClaim("nonce")))) {
            throw invalid();
        }
        String email = string(token.getClaim("email"));
        boolean verified = "true".equals(string(token.getClaim("email_verified")));
        return new Identity(token.getSubject(), email == null ? null : email.trim().toLowerCase(java.util.Locale.ROOT),
                verified, string(token.getClaim("name")));
    }

    private static String string(Object claim) {
        if (claim == null) {
            return null;
        }
        if (claim instanceof jakarta.json.JsonString json) {
            return json.getString();
        }
        return claim.toString();
    }

    private static DomainException invalid() {
        return DomainException.unauthorized("INVALID_ID_TOKEN", "The provider's ID token is not valid here.");
    }
}
