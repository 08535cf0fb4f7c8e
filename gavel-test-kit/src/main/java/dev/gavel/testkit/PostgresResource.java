package dev.gavel.testkit;

import dev.gavel.embedded.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** A real PostgreSQL (embedded binaries, throw-away data) for a service's tests. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "gavel_test";
    private PostgresServer server;

    @Override
    public Map<String, String> start() {
        server = PostgresServer.start(null, 0);
        server.createDatabaseIfMissing(DATABASE);
        return Map.of(
                "quarkus.datasource.jdbc.url", server.jdbcUrl(DATABASE),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", PostgresServer.PASSWORD);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
