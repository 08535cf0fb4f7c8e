package dev.gavel.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One Gavel service: its module (= artifactId = application name), its default port, its database and the path
 * prefixes the API gateway routes to it. The prefixes come from {@code deploy/routes.properties}, the one routing table
 * that the Ingress and the compose gateway are checked against.
 */
public record ServiceSpec(String name, int defaultPort, String database, List<String> pathPrefixes) {

    public static final Map<String, String> ROUTES = loadRoutes();

    public static final List<ServiceSpec> ALL = List.of(
            spec("user-service", 8081, "user_service"),
            spec("auction-service", 8082, "auction_service"),
            spec("bidding-service", 8083, "bidding_service"),
            spec("media-service", 8084, "media_service"),
            spec("notification-gateway", 8085, "notification_gateway"),
            spec("payment-service", 8086, "payment_service"),
            spec("web-app", 8087, null));

    public static ServiceSpec named(String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    private static ServiceSpec spec(String name, int port, String database) {
        List<String> prefixes = new ArrayList<>();
        ROUTES.forEach((prefix, service) -> {
            if (service.equals(name)) {
                prefixes.add(prefix);
            }
        });
        return new ServiceSpec(name, port, database, List.copyOf(prefixes));
    }

    private static Map<String, String> loadRoutes() {
        try (InputStream in = ServiceSpec.class.getResourceAsStream("routes.properties")) {
            if (in == null) {
                throw new IllegalStateException("routes.properties is missing from the launcher");
            }
            // keep the file's order
            Map<String, String> routes = new LinkedHashMap<>();
            Properties properties = new Properties() {
                @Override
                public synchronized Object put(Object key, Object value) {
                    routes.put((String) key, (String) value);
                    return super.put(key, value);
                }
            };
            properties.load(in);
            return java.util.Collections.unmodifiableMap(routes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
