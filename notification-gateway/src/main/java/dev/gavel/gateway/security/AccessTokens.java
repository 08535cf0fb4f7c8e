package dev.gavel.gateway.security;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The access token of a WebSocket handshake: the {@code access_token} query parameter, or the subprotocol pair
 * {@code bearer, <token>} (browsers cannot set an Authorization header on a WebSocket). Verified like every Gavel
 * token: RS256 with the platform key, issuer and expiry.
 */
@ApplicationScoped
public class AccessTokens {

    private final JWTParser parser;

    public AccessTokens(JWTParser parser) {
        this.parser = parser;
    }

    public static Optional<String> extract(String query, String subprotocols) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("access_token=")) {
                    return Optional.of(URLDecoder.decode(pair.substring("access_token=".length()), StandardCharsets.UTF_8));
                }
            }
        }
        if (subprotocols != null) {
            String[] parts = subprotocols.split(",");
            if (parts.length == 2 && parts[0].trim().equalsIgnoreCase("bearer") && !parts[1].isBlank()) {
                return Optional.of(parts[1].trim());
            }
        }
        return Optional.empty();
    }

    /** Who a valid token speaks for, in which session ({@code sid}; null in tokens without one), and until when. */
    public record Holder(UUID userId, UUID sessionId, Instant expiresAt) {
    }

    /** The holder of the token, if it is valid. */
    public Optional<Holder> verify(String token) {
        try {
            JsonWebToken jwt = parser.parse(token);
            String sid = jwt.getClaim("sid");
            return Optional.of(new Holder(UUID.fromString(jwt.getSubject()), sid == null ? null : UUID.fromString(sid),
                    Instant.ofEpochSecond(jwt.getExpirationTime())));
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
