package dev.gavel.common.http;

import dev.gavel.common.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Refuses a request whose declared {@code Content-Length} is over {@code quarkus.http.limits.max-body-size} with a
 * problem+json 413 before any of the body is read (this runs ahead of every other route, including the multipart
 * parser). A chunked body without a declared length is still cut off by the HTTP layer at the limit while it streams
 * in, with a bare 413.
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long maxBytes;

    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        this.maxBytes = limit.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    void check(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long length = -1;
        if (declared != null) {
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1; // the HTTP layer rejects a malformed length itself
            }
        }
        if (length <= maxBytes) {
            context.next();
            return;
        }
        Problem problem = new Problem(413, "Content Too Large",
                "The request body has " + length + " bytes; at most " + maxBytes + " are accepted here.",
                context.normalizedPath(), "BODY_TOO_LARGE", null, null);
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Json.encode(problem));
    }
}
