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

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./run refuses clearly to start when a port it needs is taken. */
class PlatformStartupIT {

    @Test
    void aPortInUseIsNamedAndNothingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Path home = Files.createTempDirectory("gavel-port-test");
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("user-service", port);
            PlatformConfig config = new PlatformConfig(home, Path.of(".."), dev.gavel.embedded.Ports.freePort(),
                    dev.gavel.embedded.Ports.freePort(), dev.gavel.embedded.Ports.freePort(),
                    dev.gavel.embedded.Ports.freePort(), 0, 0, ports, List.of(), Map.of());
            PlatformException e = assertThrows(PlatformException.class,
                    () -> Platform.start(config, new PrintStream(new ByteArrayOutputStream())));
            assertTrue(e.getMessage().contains("port " + port + " for user-service"), e.getMessage());
            assertTrue(Files.notExists(home.resolve("postgres")), "nothing was started");
        }
    }
}
