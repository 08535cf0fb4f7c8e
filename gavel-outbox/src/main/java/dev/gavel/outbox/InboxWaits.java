package dev.gavel.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Which partitions' records wait for a dependency now ({@link EventInbox}), since when and why. */
@ApplicationScoped
public class InboxWaits {

    /** One partition waiting. */
    public record Waiting(Instant since, String reason) {
    }

    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final Clock clock;

    public InboxWaits(Clock clock) {
        this.clock = clock;
    }

    void waiting(String channel, Throwable reason) {
        waiting.computeIfAbsent(channel, c -> new Waiting(clock.instant(), reason.toString()));
    }

    void recovered(String channel) {
        waiting.remove(channel);
    }

    /** The partitions waiting now, by {@code topic-partition}. */
    public Map<String, Waiting> now() {
        return Map.copyOf(waiting);
    }
}
