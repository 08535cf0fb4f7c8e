package dev.gavel.testkit;

import dev.gavel.embedded.PostgresServer;
import dev.gavel.embedded.TemporaryDirectories;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real PostgreSQL (embedded binaries, throw-away data) for a service's tests. A test can take it down and bring it
 * back on the same port with the same data ({@link #outage()}), as an operator's restart or a crash would.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "gavel_test";
    private static volatile PostgresResource current;

    private Path dataDirectory;
    private volatile PostgresServer server;
    private int port;

    @Override
    public Map<String, String> start() {
        try {
            dataDirectory = Files.createTempDirectory("gavel-test-pg").resolve("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = PostgresServer.start(dataDirectory, 0);
        port = server.port();
        server.createDatabaseIfMissing(DATABASE);
        current = this;
        return Map.of(
                "quarkus.datasource.jdbc.url", server.jdbcUrl(DATABASE),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", PostgresServer.PASSWORD);
    }

    /** An outage of the running test database: stopped now, started again by {@link Outage#close()}. */
    public static Outage outage() {
        PostgresResource resource = current;
        if (resource == null) {
            throw new IllegalStateException("no test PostgreSQL is running");
        }
        resource.server.close();
        return () -> resource.server = PostgresServer.start(resource.dataDirectory, resource.port);
    }

    /** The database is back when this closes. */
    public interface Outage extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public void stop() {
        current = null;
        if (server != null) {
            server.close();
        }
        if (dataDirectory != null) {
            TemporaryDirectories.delete(dataDirectory.getParent());
        }
    }
}
