package dev.gavel.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * When a crashed service is started again, as Kubernetes does with a pod: after a backoff that doubles with each
 * crash in the window (1 s, 2 s, 4 s … up to {@code maxBackoff}), and not at all once it crashed {@code maxCrashes}
 * times within {@code window}: then something is wrong that restarting will not fix. Pure: the caller says when.
 */
public final class RestartPolicy {

    /** What to do about the crash just reported. */
    public record Verdict(boolean restart, Duration after, int crashesInWindow) {
    }

    private final int maxCrashes;
    private final Duration window;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Deque<Instant> crashes = new ArrayDeque<>();

    public RestartPolicy(int maxCrashes, Duration window, Duration initialBackoff, Duration maxBackoff) {
        this.maxCrashes = maxCrashes;
        this.window = window;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** The policy of {@code ./run}: five crashes within two minutes, backoff from one second up to thirty. */
    public static RestartPolicy standard() {
        return new RestartPolicy(5, Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** Records a crash at {@code at} and says whether, and after how long, to start the service again. */
    public synchronized Verdict crashed(Instant at) {
        crashes.addLast(at);
        while (!crashes.isEmpty() && crashes.peekFirst().isBefore(at.minus(window))) {
            crashes.removeFirst();
        }
        int inWindow = crashes.size();
        if (inWindow >= maxCrashes) {
            return new Verdict(false, Duration.ZERO, inWindow);
        }
        long factor = 1L << Math.min(inWindow - 1, 20);
        Duration backoff = initialBackoff.multipliedBy(factor);
        return new Verdict(true, backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff, inWindow);
    }

    public int maxCrashes() {
        return maxCrashes;
    }

    public Duration window() {
        return window;
    }
}
