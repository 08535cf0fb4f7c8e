package dev.gavel.user.rest;

import dev.gavel.user.api.UserDtos.TokenResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The refresh token for browsers (CONTRACT §2b): a request to {@code /api/auth} that asks for it with
 * {@code Gavel-Refresh-Cookie: true}, or that brought the cookie, gets its refresh token as an
 * {@code HttpOnly; Secure; SameSite=Strict} cookie scoped to {@code /api/auth}, and not in the body, so script on a page
 * never holds it.
 */
@Provider
public class RefreshCookie implements ContainerResponseFilter {

    public static final String NAME = "gavel_refresh";
    public static final String OPT_IN = "Gavel-Refresh-Cookie";

    private final long maxAgeSeconds;

    public RefreshCookie(@ConfigProperty(name = "gavel.user.refresh-token-lifetime", defaultValue = "P30D")
            java.time.Duration lifetime) {
        this.maxAgeSeconds = lifetime.toSeconds();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!request.getUriInfo().getPath().startsWith("/api/auth")) {
            return;
        }
        boolean wanted = "true".equalsIgnoreCase(request.getHeaderString(OPT_IN))
                || request.getCookies().containsKey(NAME);
        if (wanted && response.getEntity() instanceof TokenResponse tokens && tokens.refreshToken() != null) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, cookie(tokens.refreshToken(), maxAgeSeconds));
            response.setEntity(new TokenResponse(tokens.user(), tokens.accessToken(), null, tokens.tokenType(),
                    tokens.expiresIn()));
        }
    }

    static String cookie(String value, long maxAge) {
        return NAME + "=" + value + "; Path=/api/auth; Max-Age=" + maxAge + "; HttpOnly; Secure; SameSite=Strict";
    }

    /** Ends the cookie (logout). */
    static String cleared() {
        return cookie("", 0);
    }
}
