package dev.gavel.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "gavel.gateway")
public interface GatewayConfig {

    /** Open WebSocket connections this replica accepts. */
    @WithDefault("19000")
    int maxConnections();

    /** Open connections one client address may hold on this replica (browser tabs behind one NAT add up). */
    @WithDefault("200")
    int maxConnectionsPerAddress();

    /**
     * Frames a client may fall behind before it counts as too slow and is dropped (4008): frames waiting to be written
     * to it, or, on a live feed, frames it missed while conflated.
     */
    @WithDefault("512")
    int outgoingQueue();

    /**
     * Bytes that may wait in the gateway for one live-feed socket (above the kernel's socket buffer) before its watcher
     * is conflated: it skips intermediate frames and gets a fresh snapshot once the socket drains.
     */
    @WithDefault("8192")
    int conflateAfterBytes();

    /**
     * The kernel's send buffer of each WebSocket (SO_SNDBUF), instead of letting it grow to megabytes: it bounds the
     * memory a client that stops reading holds on the gateway, and such a client is noticed (conflated, then dropped)
     * after this much rather than after megabytes. 64 KiB carries a feed's frames over a link of hundreds of ms.
     */
    @WithDefault("65536")
    int sendBufferBytes();

    /**
     * Frames of one auction that waited longer than this for their event loop (the gateway itself is behind) are
     * replaced by one fresh snapshot of the latest state per watcher.
     */
    @WithDefault("250ms")
    Duration conflateAfter();

    /**
     * More frames of one auction than this waiting for their event loop are replaced by one fresh snapshot of the
     * latest state per watcher; up to this many go to each watcher in one write.
     */
    @WithDefault("8")
    int conflateAfterFrames();

    /**
     * The least time between two fan-out tasks of one event loop (they are also at least as far apart as the last one
     * took): frames arriving meanwhile reach each socket in one write. A frame after a quiet spell goes at once.
     */
    @WithDefault("20ms")
    Duration fanoutInterval();

    /**
     * Two fan-out tasks of one event loop are at least this many times as far apart as the last one took: a loop
     * spends at most 1 / (1 + this) of its time writing frames, and the busier it is the more frames go in each
     * socket write. At 2 an overloaded gateway (10,000–19,000 watchers here) showed watchers the latest bid sooner in
     * paired runs and used less CPU, but below that load it conflated frames that 1 delivers one by one (gavel-bench
     * fanout, docs/benchmarks.md, "pacing by twice the last task, measured by what watchers see"): 1 by default.
     */
    @WithDefault("1")
    double fanoutPacing();

    /**
     * Messages a client may send per second. The feeds only speak to clients; a client that keeps talking is closed
     * with 1008 (policy violation). Messages are also bounded in size ({@code quarkus.websockets-next.server.max-message-size}).
     */
    @WithDefault("5")
    int inboundMessagesPerSecond();

    /** At most one presence frame per auction per interval. */
    @WithDefault("1s")
    Duration presenceInterval();

    /**
     * How far back the live relay reads when its partitions are assigned (a start, a rebalance): events committed
     * just before, which a watcher's snapshot may not contain yet, are relayed; the sequence filter drops what a
     * watcher already has.
     */
    @WithDefault("30s")
    Duration relayLookback();

    Mail mail();

    /** How often the ending-soon job looks at the ends it knows. */
    @WithDefault("15s")
    Duration remindersInterval();

    /** How long stored notifications are kept. */
    @WithDefault("P90D")
    Duration notificationRetention();

    /** Notification mails (CONTRACT §6b). */
    interface Mail {
        /** The public origin mails link to (auction pages, unsubscribe). */
        @WithDefault("http://localhost:8080")
        String publicUrl();

        /** The HMAC key of unsubscribe links (a Secret in production; ./run sets one). */
        String unsubscribeKey();

        /** How often the delivery job looks for due mails. */
        @WithDefault("1s")
        Duration deliveryInterval();

        /** The first retry after a failed send; each further one waits twice as long, up to an hour. */
        @WithDefault("PT5S")
        Duration firstRetry();
    }
}
