package dev.gavel.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Small helpers about local TCP ports. */
public final class Ports {

    /**
     * Ports are handed out below Linux's ephemeral range (32768 and up): a port from that range, free when chosen,
     * can be taken as the local port of any outgoing connection (a Kafka client, a browser) before the server that was
     * meant to listen on it binds. Seen once: a service of the system test could not start.
     */
    static final int LOWEST = 20_000;
    static final int HIGHEST = 32_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /** A port that is free right now on the loopback interface, never handed out before by this JVM. */
    public static int freePort() {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (!HANDED_OUT.contains(port) && !inUse(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free local port from " + LOWEST + " to " + HIGHEST));
    }

    /** Whether something already listens on (or holds) the port on the loopback interface. */
    public static boolean inUse(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
