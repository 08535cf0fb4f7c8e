package dev.gavel.embedded;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Free ports come from below the ephemeral range, each once, and can be listened on. */
class PortsTest {

    @Test
    void freePortsAreOutsideTheEphemeralRangeDistinctAndBindable() throws Exception {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = Ports.freePort();
            assertTrue(port >= Ports.LOWEST && port < Ports.HIGHEST && port < 32_768, "not ephemeral: " + port);
            assertTrue(seen.add(port), "handed out once: " + port);
        }
        int port = Ports.freePort();
        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertTrue(Ports.inUse(port));
        }
        assertFalse(Ports.inUse(port));
    }
}
