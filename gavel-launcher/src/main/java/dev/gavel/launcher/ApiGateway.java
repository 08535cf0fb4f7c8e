package dev.gavel.launcher;

import dev.gavel.common.http.NormalPaths;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import io.vertx.httpproxy.ProxyOptions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local API gateway: one origin for clients, routing by path prefix exactly as CONTRACT §1 (including the
 * WebSocket upgrade on {@code /ws}), built on the Vert.x HTTP proxy. What no service claims goes to web-app (the
 * pages, and the problem+json 404 of an unknown API path). Only normal paths are forwarded ({@link NormalPaths}): one with dot segments or encoded
 * dots or slashes is a 400, and a service's {@code /q/*} is never reachable.
 */
public final class ApiGateway implements AutoCloseable {

    private record Route(String prefix, String service, int port) {
        boolean matches(String path) {
            // "/" is the fallback (web-app): everything no other prefix claims
            return prefix.equals("/") || path.equals(prefix) || path.startsWith(prefix + "/");
        }
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final int port;

    private ApiGateway(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
        this.port = server.actualPort();
    }

    public static ApiGateway start(int port, Map<String, Integer> servicePorts) {
        List<Route> routes = new ArrayList<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            for (String prefix : spec.pathPrefixes()) {
                routes.add(new Route(prefix, spec.name(), servicePorts.get(spec.name())));
            }
        }
        routes.sort(Comparator.comparingInt((Route r) -> r.prefix.length()).reversed());

        Vertx vertx = Vertx.vertx();
        HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(true),
                vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(256).setKeepAlive(true)));
        // The gateway is the edge: the client address it saw replaces whatever X-Forwarded-For the client sent, so
        // that the services (which trust only their proxies) can rate-limit by real address.
        proxy.addInterceptor(new ProxyInterceptor() {
            @Override
            public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                SocketAddress client = context.request().proxiedRequest().remoteAddress();
                context.request().headers().set("X-Forwarded-For", client == null ? "unknown" : client.hostAddress());
                context.request().headers().remove("Forwarded");
                context.request().headers().set("X-Forwarded-Proto", "http");
                return context.sendRequest();
            }
        });
        proxy.originSelector(request -> {
            Route route = route(routes, request.path());
            return Future.succeededFuture(SocketAddress.inetSocketAddress(route.port, "127.0.0.1"));
        });
        try {
            HttpServer server = vertx.createHttpServer()
                    .requestHandler(request -> {
                        String path = request.path() == null ? "/" : request.path();
                        if (!NormalPaths.isNormal(path)) {
                            problem(request, 400, "Bad Request", "The path is not in normal form (dot segments, "
                                    + "encoded dots or slashes are not taken).", path);
                        } else if (NormalPaths.isManagement(path)) {
                            notFound(request, path);
                        } else if (route(routes, path) != null) {
                            // a service that is down or restarting: "try again shortly", as the services answer
                            // when their own dependencies are away (the proxy would say 502 with no advice)
                            request.response().headersEndHandler(ignored -> {
                                int status = request.response().getStatusCode();
                                if (status == 502 || status == 504) {
                                    request.response().setStatusCode(503).putHeader("Retry-After", "2");
                                }
                            });
                            proxy.handle(request);
                        } else {
                            notFound(request, path);
                        }
                    })
                    .listen(port, "0.0.0.0")
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new ApiGateway(vertx, server);
        } catch (Exception e) {
            vertx.close();
            throw new PlatformException("the API gateway could not listen on port " + port + ": " + e.getMessage(), e);
        }
    }

    private static Route route(List<Route> routes, String path) {
        for (Route route : routes) {
            if (route.matches(path)) {
                return route;
            }
        }
        return null;
    }

    private static void notFound(HttpServerRequest request, String path) {
        problem(request, 404, "Not Found", "No Gavel service serves this path.", path);
    }

    private static void problem(HttpServerRequest request, int status, String title, String detail, String path) {
        String instance = path.replaceAll("[^A-Za-z0-9/._~%-]", "");
        String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"instance\":\"" + instance + "\"}";
        request.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(body);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway
        }
        vertx.close();
    }
}
