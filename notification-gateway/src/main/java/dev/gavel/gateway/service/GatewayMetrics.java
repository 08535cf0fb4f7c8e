package dev.gavel.gateway.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Open connections, frames sent and dropped, slow clients, and event-to-frame latency (Prometheus at /q/metrics). */
@Startup // its meters exist from the start: dashboards and alerts see a zero, not nothing
@ApplicationScoped
public class GatewayMetrics {

    private final AtomicInteger connections;
    private final Counter framesSent;
    private final Counter framesDropped;
    private final Counter slowClients;
    private final Counter resyncs;
    private final Counter framesConflated;
    private final Counter socketWrites;
    private final Timer eventToFrame;
    private final Timer eventToSocket;

    public GatewayMetrics(MeterRegistry registry) {
        this.connections = registry.gauge("gavel.gateway.connections", new AtomicInteger());
        this.framesSent = registry.counter("gavel.gateway.frames.sent");
        this.framesDropped = registry.counter("gavel.gateway.frames.dropped");
        this.slowClients = registry.counter("gavel.gateway.clients.dropped.slow");
        this.resyncs = registry.counter("gavel.gateway.snapshots.resync");
        this.framesConflated = registry.counter("gavel.gateway.frames.conflated");
        this.socketWrites = Counter.builder("gavel.gateway.socket.writes")
                .description("live-feed writes to sockets: frames that waited together go to a socket in one")
                .register(registry);
        this.eventToFrame = Timer.builder("gavel.gateway.event.to.frame")
                .description("time from the event (placedAt / closedAt) to its frame being handed to the connections")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.eventToSocket = Timer.builder("gavel.gateway.event.to.socket")
                .description("time from the event (placedAt / closedAt) to its frame being written to the sockets of"
                        + " one event loop (once per event loop)")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
    }

    public int opened() {
        return connections.incrementAndGet();
    }

    public void closed() {
        connections.decrementAndGet();
    }

    public int connections() {
        return connections.get();
    }

    public void sent() {
        framesSent.increment();
    }

    public void dropped() {
        framesDropped.increment();
    }

    /** Frames counted once per fan-out task rather than once each. */
    public void framesSent(long count) {
        if (count > 0) {
            framesSent.increment(count);
        }
    }

    public void framesDropped(long count) {
        if (count > 0) {
            framesDropped.increment(count);
        }
    }

    /** Frames a watcher that fell behind skipped (a fresh snapshot replaces them once its socket drains). */
    public void framesConflated(long count) {
        if (count > 0) {
            framesConflated.increment(count);
        }
    }

    /** Writes to live-feed sockets in one fan-out task (a run of frames is one write). */
    public void socketWrites(long count) {
        if (count > 0) {
            socketWrites.increment(count);
        }
    }

    /** A watcher saw a gap in the sequence and was sent a fresh snapshot. */
    public void resynced() {
        resyncs.increment();
    }

    public void slowClientDropped() {
        slowClients.increment();
    }

    /** At the end of an event loop's fan-out task: the events it wrote, by when they occurred. */
    public void framesWritten(List<Instant> occurred) {
        Instant now = Instant.now();
        for (Instant at : occurred) {
            record(eventToSocket, at, now);
        }
    }

    public void eventRelayed(Instant occurredAt) {
        record(eventToFrame, occurredAt, Instant.now());
    }

    /** The time from an event to {@code now} (none when the event has no time; never below zero across clocks). */
    private static void record(Timer timer, Instant occurredAt, Instant now) {
        if (occurredAt != null) {
            Duration latency = Duration.between(occurredAt, now);
            timer.record(latency.isNegative() ? Duration.ZERO : latency);
        }
    }
}
