package dev.gavel.bench.fanout;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fan-out benchmark's load client, in a JVM of its own that serves every point of a run (so that its JIT has
 * compiled the frame path before the measured points, as the services' has): per point, N WebSocket watchers of one
 * auction on a few Vert.x event loops. Frames are read without a JSON parser (the type, sequence and placedAt are
 * found in the text), and the latency from {@code placedAt} to arrival goes into a 1 ms histogram. A second
 * histogram holds how old the newest bid a watcher was shown is when it arrives, snapshots included: a snapshot's age
 * is from the {@code placedAt} of the bid with its sequence, which {@link FanoutBenchmark} sends ({@code PLACED}, read
 * from Kafka) before {@code END} (a snapshot of a sequence it did not send is counted apart, {@code snapshotsUnknown}).
 * It speaks with {@link FanoutBenchmark} over its standard streams: {@code WATCH <auction> <N>} connects the point's
 * watchers and it prints {@code READY} once every watcher has its snapshot; {@code MEASURE} starts the measurement,
 * {@code END <sequence>} waits until every watcher reached that sequence (at most 20 s), prints the result as one line
 * of {@code key=value} pairs, closes the point's watchers and prints {@code CLOSED}.
 */
public final class FanoutClient {

    private static final int BUCKETS = 120_000;

    /** Written by each watcher's own event loop, read by the main thread at the end. */
    private final AtomicLongArray last;
    private final long[] base;
    private final AtomicLongArray latency = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray state = new AtomicLongArray(BUCKETS);
    private final Map<Long, Long> placedAt = new ConcurrentHashMap<>();
    /** Snapshots received while measuring: sequence and arrival (epoch ms), their age worked out at the end. */
    private final Queue<long[]> snapshots = new ConcurrentLinkedQueue<>();
    private final LongAdder received = new LongAdder();
    private final LongAdder catchUps = new LongAdder();
    private final LongAdder conflated = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private volatile boolean measuring;
    private volatile boolean ending;
    private final Queue<WebSocket> sockets = new ConcurrentLinkedQueue<>();
    /** Counted down as each watcher of the point closes (or failed to connect). */
    private final CountDownLatch gone;
    private WebSocketClient ws;

    private FanoutClient(int watchers) {
        gone = new CountDownLatch(watchers);
        last = new AtomicLongArray(watchers);
        base = new long[watchers];
        for (int i = 0; i < watchers; i++) {
            last.set(i, -1);
        }
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int loops = Integer.parseInt(args[2]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        FanoutClient client = null;
        long cpuFrom = 0;
        long wallFrom = 0;
        for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith("WATCH ")) {
                String[] words = line.split(" ");
                client = new FanoutClient(Integer.parseInt(words[2]));
                client.connect(vertx, host, port, words[1]);
            } else if (line.equals("MEASURE")) {
                client.measure();
                cpuFrom = cpu();
                wallFrom = System.nanoTime();
            } else if (line.startsWith("PLACED ")) {
                for (String pair : line.substring(7).split(",")) {
                    int colon = pair.indexOf(':');
                    if (colon > 0) {
                        client.placedAt.putIfAbsent(Long.parseLong(pair.substring(0, colon)),
                                Long.parseLong(pair.substring(colon + 1)));
                    }
                }
            } else if (line.startsWith("END ")) {
                long end = Long.parseLong(line.substring(4));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!client.reached(end) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                double cpuShare = (cpu() - cpuFrom) / (double) (System.nanoTime() - wallFrom);
                System.out.println("RESULT " + client.result(end, cpuShare));
                client.disconnect();
                System.out.println("CLOSED");
            }
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.exit(0);
    }

    /** Connects this point's watchers to the auction's feed and prints {@code READY} once each has its snapshot. */
    private void connect(Vertx vertx, String host, int port, String auction) throws InterruptedException {
        int watchers = base.length;
        ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(watchers + 10)
                .setConnectTimeout(30_000).setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20));
        CountDownLatch snapshots = new CountDownLatch(watchers);
        Semaphore connecting = new Semaphore(200);
        for (int i = 0; i < watchers; i++) {
            int index = i;
            connecting.acquire();
            ws.connect(new WebSocketConnectOptions().setHost(host).setPort(port)
                    .setURI("/ws/auctions/" + auction)).onComplete(opened -> {
                        connecting.release();
                        if (opened.failed()) {
                            System.err.println("watcher " + index + " not connected: " + opened.cause());
                            closed.increment();
                            snapshots.countDown();
                            gone.countDown();
                            return;
                        }
                        sockets.add(opened.result());
                        boolean[] first = {true};
                        opened.result().textMessageHandler(text -> {
                            frame(index, text);
                            if (first[0]) {
                                first[0] = false;
                                snapshots.countDown();
                            }
                        });
                        opened.result().closeHandler(v -> {
                            gone.countDown();
                            if (ending) {
                                return;
                            }
                            closed.increment();
                            if (first[0]) {
                                first[0] = false;
                                System.err.println("watcher " + index + " closed before its snapshot: "
                                        + opened.result().closeStatusCode() + " " + opened.result().closeReason());
                                snapshots.countDown();
                            }
                        });
                    });
        }
        if (!snapshots.await(300, TimeUnit.SECONDS)) {
            System.err.println("not every watcher got its snapshot: " + snapshots.getCount() + " missing");
        }
        System.out.println("READY " + (watchers - closed.sum()));
    }

    /** Closes this point's watchers and waits (at most a minute) until the gateway has let every one go. */
    private void disconnect() throws Exception {
        ending = true;
        sockets.forEach(socket -> socket.close());
        if (!gone.await(60, TimeUnit.SECONDS)) {
            System.err.println(gone.getCount() + " watchers not closed after a minute");
        }
        ws.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** On the watcher's event loop. */
    private void frame(int watcher, String text) {
        long now = System.currentTimeMillis();
        long sequence = number(text, "\"sequence\":");
        if (sequence < 0) {
            return; // presence
        }
        boolean snapshot = text.startsWith("{\"type\":\"snapshot\"");
        long previous = last.get(watcher);
        if (sequence <= previous) {
            lost.increment(); // twice or backwards: counted as wrong
            return;
        }
        if (measuring && previous >= 0 && sequence > previous + 1) {
            if (snapshot) {
                conflated.add(sequence - previous - 1);
            } else {
                lost.add(sequence - previous - 1);
            }
        }
        last.set(watcher, sequence);
        if (!measuring) {
            return;
        }
        if (snapshot) {
            catchUps.increment();
            snapshots.add(new long[] {sequence, now});
        } else if (text.startsWith("{\"type\":\"bid-placed\"")) {
            received.increment();
            long placed = placedAt.computeIfAbsent(sequence, s -> placedAt(text));
            int bucket = bucket(now - placed);
            latency.incrementAndGet(bucket);
            state.incrementAndGet(bucket); // a frame shows its own bid: its latency is the state's age
        }
    }

    private static int bucket(long millis) {
        return (int) Math.min(BUCKETS - 1, Math.max(0, millis));
    }

    private static long number(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) {
            return -1;
        }
        long value = 0;
        for (int i = at + key.length(); i < text.length() && Character.isDigit(text.charAt(i)); i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    private static long placedAt(String text) {
        int at = text.indexOf("\"placedAt\":\"") + 12;
        return Instant.parse(text.substring(at, text.indexOf('"', at))).toEpochMilli();
    }

    private void measure() {
        for (int i = 0; i < base.length; i++) {
            base[i] = last.get(i);
        }
        measuring = true;
    }

    private boolean reached(long end) {
        for (int i = 0; i < base.length; i++) {
            long sequence = last.get(i);
            if (sequence >= 0 && sequence < end) {
                return false;
            }
        }
        return true;
    }

    private String result(long end, double cpuShare) {
        long expected = 0;
        long behind = 0;
        for (int i = 0; i < base.length; i++) {
            if (base[i] >= 0) {
                expected += end - base[i];
                behind += Math.max(0, end - last.get(i));
            }
        }
        long unknown = 0;
        for (long[] s; (s = snapshots.poll()) != null; ) {
            Long placed = placedAt.get(s[0]);
            if (placed == null) {
                unknown++;
            } else {
                state.incrementAndGet(bucket(s[1] - placed));
            }
        }
        return ("expected=%d received=%d conflated=%d catchUps=%d lost=%d missing=%d closed=%d p50=%d p95=%d p99=%d "
                + "max=%d stateP50=%d stateP95=%d stateP99=%d snapshotsUnknown=%d clientCpu=%.2f")
                .formatted(expected, received.sum(), conflated.sum(), catchUps.sum(), lost.sum(), behind,
                        closed.sum(), quantile(latency, 0.50), quantile(latency, 0.95), quantile(latency, 0.99),
                        quantile(latency, 1.0), quantile(state, 0.50), quantile(state, 0.95), quantile(state, 0.99),
                        unknown, cpuShare);
    }

    private static long quantile(AtomicLongArray histogram, double q) {
        long count = 0;
        for (int i = 0; i < BUCKETS; i++) {
            count += histogram.get(i);
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += histogram.get(i);
            if (seen >= rank) {
                return i;
            }
        }
        return -1;
    }
}
