package dev.gavel.gateway.security;

import dev.gavel.common.problem.Problem;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses the WebSocket upgrade of {@code /ws/notifications} with a problem+json 401 unless it carries a valid access
 * token, so a client with a bad or expired token never gets a socket.
 */
@ApplicationScoped
public class HandshakeAuthentication {

    public static final String PATH = "/ws/notifications";

    private final AccessTokens tokens;

    public HandshakeAuthentication(AccessTokens tokens) {
        this.tokens = tokens;
    }

    void install(@Observes Router router) {
        router.route(PATH).order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    void check(RoutingContext context) {
        boolean valid = AccessTokens.extract(context.request().query(),
                        context.request().getHeader("Sec-WebSocket-Protocol"))
                .flatMap(tokens::verify)
                .isPresent();
        if (valid) {
            context.next();
            return;
        }
        Problem problem = new Problem(401, "Unauthorized", "A valid access token is required (access_token query "
                + "parameter or the subprotocol \"bearer, <token>\").", PATH, "UNAUTHORIZED", null, null);
        context.response().setStatusCode(401)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("WWW-Authenticate", "Bearer")
                .end(Json.encode(problem));
    }
}
