package dev.gavel.launcher;

import java.util.List;

/** One Gavel service: its module (= artifactId = application name), its default port and its database. */
public record ServiceSpec(String name, int defaultPort, String database, List<String> pathPrefixes) {

    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("user-service", 8081, "user_service", List.of("/api/auth", "/api/users", "/.well-known/jwks.json")),
            new ServiceSpec("auction-service", 8082, "auction_service", List.of("/api/auctions", "/api/categories", "/api/watchlist")),
            new ServiceSpec("bidding-service", 8083, "bidding_service", List.of("/api/bids")),
            new ServiceSpec("media-service", 8084, "media_service", List.of("/api/media")),
            new ServiceSpec("notification-gateway", 8085, null, List.of("/ws")));

    public static ServiceSpec named(String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }
}
