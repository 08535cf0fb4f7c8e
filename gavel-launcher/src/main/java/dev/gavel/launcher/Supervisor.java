package dev.gavel.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the services of a {@link Platform} running, as Kubernetes keeps pods running: a service that dies is started
 * again after a backoff, and the console says so. After repeated crashes in a short time ({@link RestartPolicy}) it
 * gives up on the service and names it and its log; {@code ./run} then stops the platform.
 */
final class Supervisor implements AutoCloseable {

    private static final Duration CHECK_EVERY = Duration.ofMillis(500);

    private final Platform platform;
    private final PrintStream out;
    private final Map<String, RestartPolicy> policies = new ConcurrentHashMap<>();
    private final Map<String, Integer> restarts = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile ServiceProcess gaveUpOn;
    private volatile boolean closed;

    private Supervisor(Platform platform, PrintStream out) {
        this.platform = platform;
        this.out = out;
        this.thread = new Thread(this::run, "gavel-supervisor");
        this.thread.setDaemon(true);
    }

    static Supervisor start(Platform platform, PrintStream out) {
        Supervisor supervisor = new Supervisor(platform, out);
        supervisor.thread.start();
        return supervisor;
    }

    ServiceProcess gaveUpOn() {
        return gaveUpOn;
    }

    int restarts(String service) {
        return restarts.getOrDefault(service, 0);
    }

    private void run() {
        while (!closed && gaveUpOn == null) {
            for (ServiceProcess dead : platform.deadServices()) {
                if (closed) {
                    return;
                }
                handle(dead);
            }
            if (!pause(CHECK_EVERY)) {
                return;
            }
        }
    }

    private void handle(ServiceProcess dead) {
        String instance = dead.name() + ":" + dead.port();
        RestartPolicy policy = policies.computeIfAbsent(instance, i -> RestartPolicy.standard());
        RestartPolicy.Verdict verdict = policy.crashed(Instant.now());
        String exit = dead.exitCode() == null ? "" : " (exit code " + dead.exitCode() + ")";
        if (!verdict.restart()) {
            out.println("Gavel: " + dead.name() + " crashed " + verdict.crashesInWindow() + " times within "
                    + policy.window().toMinutes() + " minutes" + exit + "; giving up on it. Its log: " + dead.log());
            gaveUpOn = dead;
            return;
        }
        out.println("Gavel: " + dead.name() + " on port " + dead.port() + " stopped unexpectedly" + exit
                + "; restarting it in " + verdict.after().toSeconds() + " s (crash " + verdict.crashesInWindow()
                + " of " + policy.maxCrashes() + " allowed within " + policy.window().toMinutes() + " minutes).");
        if (!pause(verdict.after())) {
            return;
        }
        try {
            ServiceProcess again = platform.restart(dead);
            if (again != null) {
                restarts.merge(dead.name(), 1, Integer::sum);
                out.println("Gavel: " + dead.name() + " is running again (pid " + again.pid() + ").");
            }
        } catch (PlatformException | java.io.UncheckedIOException e) {
            // it died again while starting: the next round counts the crash
            out.println("Gavel: " + dead.name() + " did not come back: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
