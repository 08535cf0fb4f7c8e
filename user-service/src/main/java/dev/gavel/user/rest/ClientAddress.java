package dev.gavel.user.rest;

import io.vertx.core.http.HttpServerRequest;

/**
 * The client's address as Quarkus resolved it: the connection's peer, or the {@code X-Forwarded-For} it carried when
 * the peer is a configured trusted proxy ({@code quarkus.http.proxy.trusted-proxies}, gavel-common).
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
