package dev.gavel.system;

import dev.gavel.launcher.Platform;
import dev.gavel.launcher.PlatformConfig;
import dev.gavel.launcher.PlatformException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./run refuses clearly to start when a port it needs is taken. */
class PlatformStartupIT {

    @Test
    void aPortInUseIsNamedAndNothingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Path home = Files.createTempDirectory("gavel-port-test");
            PlatformConfig config = userServiceOn(port, home);
            PlatformException e = assertThrows(PlatformException.class,
                    () -> Platform.start(config, new PrintStream(new ByteArrayOutputStream())));
            assertTrue(e.getMessage().contains("port " + port + " for user-service"), e.getMessage());
            assertTrue(Files.notExists(home.resolve("postgres")), "nothing was started");
        }
    }

    /** A benchmark's or a system test's platform leaves only its logs behind, even when it could not start. */
    @Test
    void aTemporaryHomeKeepsOnlyItsLogs() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path home = Files.createTempDirectory("gavel-temporary-home-test");
            Files.createDirectories(home.resolve("postgres/base"));
            Files.writeString(home.resolve("postgres/base/1"), "a table");
            Files.createDirectories(home.resolve("keys"));
            Files.writeString(home.resolve("keys/private.pem"), "a key");
            Files.createDirectories(home.resolve("logs"));
            Files.writeString(home.resolve("logs/user-service.log"), "what happened");
            PlatformConfig config = userServiceOn(taken.getLocalPort(), home);
            assertThrows(PlatformException.class,
                    () -> Platform.startInTemporaryHome(config, new PrintStream(new ByteArrayOutputStream())));
            assertTrue(Files.notExists(home.resolve("postgres")), "the database's files are deleted");
            assertTrue(Files.notExists(home.resolve("keys")), "the keys are deleted");
            assertEquals("what happened", Files.readString(home.resolve("logs/user-service.log")));
            dev.gavel.embedded.TemporaryDirectories.delete(home);
        }
    }

    /** A platform in {@code home} whose user-service is to listen on {@code port} (taken by the test). */
    private static PlatformConfig userServiceOn(int port, Path home) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("user-service", port);
        return new PlatformConfig(home, Path.of(".."), dev.gavel.embedded.Ports.freePort(),
                dev.gavel.embedded.Ports.freePort(), dev.gavel.embedded.Ports.freePort(),
                dev.gavel.embedded.Ports.freePort(), 0, 0, ports, List.of(), Map.of());
    }
}
