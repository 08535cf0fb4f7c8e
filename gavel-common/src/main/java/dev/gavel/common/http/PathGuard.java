package dev.gavel.common.http;

import dev.gavel.common.problem.Problem;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every service refuses a path that is not in normal form ({@link NormalPaths}) with a problem+json 400, before any
 * route sees it. Whatever proxy stands in front (the local gateway, nginx, a Kubernetes Ingress), a path routed to a
 * service by its public prefix can then never be resolved by the service to another one such as {@code /q/metrics}.
 */
@ApplicationScoped
public class PathGuard {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    void check(RoutingContext context) {
        String uri = context.request().uri();
        int query = uri.indexOf('?');
        String rawPath = query < 0 ? uri : uri.substring(0, query);
        if (NormalPaths.isNormal(rawPath)) {
            context.next();
            return;
        }
        Problem problem = new Problem(400, "Bad Request", "The path is not in normal form (dot segments, encoded dots "
                + "or slashes are not taken).", null, "PATH_NOT_NORMAL", null, null);
        context.response().setStatusCode(400)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }
}
