package dev.gavel.bench.fanout;

import dev.gavel.bench.BenchAccounts;
import dev.gavel.bench.BidStorm;
import dev.gavel.bench.BiddingBenchmark;
import dev.gavel.bench.CompilerActivity;
import dev.gavel.bench.Report;
import dev.gavel.launcher.Platform;
import dev.gavel.launcher.PlatformConfig;
import dev.gavel.launcher.ServiceProcess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code gavel-bench/run fanout}: N watchers of one auction on notification-gateway's {@code /ws/auctions/{id}},
 * bids at R per second from three bidders through bidding-service, every service up on this machine. The watchers are
 * {@link FanoutClient}, a JVM of its own, the same for every point. For each point of the sweep: frames expected and
 * received, frames skipped by conflation (each gap marked by a snapshot), frames lost (a gap without a snapshot, a
 * repeat, or a watcher that never reached the last sequence), latency from {@code placedAt} to the client, the
 * gateway's CPU and memory, the client's CPU. Writes the "Live feed fan-out" section of docs/benchmarks.md.
 */
public final class FanoutBenchmark {

    record Point(int watchers, int rate) {
        @Override
        public String toString() {
            return watchers + "x" + rate;
        }
    }

    record Outcome(Point point, Map<String, String> client, double gatewayCpu, long gatewayRssMiB, double kibPerWatcher,
            long bids, long[] toKafka) {

        long value(String key) {
            return Long.parseLong(client.get(key));
        }

        boolean nothingLost() {
            return value("lost") == 0 && value("missing") == 0 && value("closed") == 0;
        }

        boolean met() {
            return nothingLost() && value("p95") < 500;
        }
    }

    static final List<Point> SWEEP = List.of(new Point(1000, 10), new Point(2500, 10), new Point(5000, 10),
            new Point(10_000, 10), new Point(19_000, 10), new Point(1000, 100), new Point(1000, 500));
    static final int SECONDS = Integer.getInteger("seconds", 20);
    static final int WARM_UP_SECONDS = Integer.getInteger("warmup", 30);
    /**
     * Then 100 bids/s, in rounds of {@link CompilerActivity#ROUND_SECONDS}, until the JIT has settled: the JIT compiles the bid
     * path by invocation counts, which 10 bids/s do not reach in half a minute, and at 100 bids/s bidding-service's
     * compilers worked for about two minutes on these two shared cores (jstat: 1–15 s of compilation per 10 s until
     * 110 s in, under 0.2 s after). A fixed minute of it left the 1,000 × 100 point measuring the JIT: with 300 s
     * its p99 was 57 ms and with 150 s 42 ms, against 47–104 ms in the runs after a minute (docs/benchmarks.md,
     * "the JIT's warm-up measured, not guessed"). At least {@code warmup.busy.min} seconds, at most
     * {@code warmup.busy} (0 turns it off).
     */
    static final int BUSY_WARM_UP_SECONDS = Integer.getInteger("warmup.busy", 300);
    static final int BUSY_WARM_UP_MIN_SECONDS = Integer.getInteger("warmup.busy.min", 60);
    static final int CLIENT_LOOPS = Integer.getInteger("loops", 3);

    public static void main(String[] args) throws Exception {
        List<Point> sweep = args.length == 0 ? SWEEP : Arrays.stream(args).map(a -> a.split("x"))
                .map(p -> new Point(Integer.parseInt(p[0]), Integer.parseInt(p[1]))).toList();
        // every watcher of the benchmark comes from 127.0.0.1; in a deployment they come from many addresses
        PlatformConfig config = Report.platformConfig(Map.of("GAVEL_GATEWAY_MAX_CONNECTIONS_PER_ADDRESS", "20000"));
        try (Platform platform = Platform.startInTemporaryHome(config, System.out); Client client = new Client(config)) {
            BenchAccounts.useMailbox(platform.mailInboxUrl());
            String users = "http://127.0.0.1:" + config.port("user-service");
            String seller = BenchAccounts.signUp(users, "fanout-seller");
            List<String> bidders = List.of(BenchAccounts.signUp(users, "fanout-a"),
                    BenchAccounts.signUp(users, "fanout-b"), BenchAccounts.signUp(users, "fanout-c"));
            long gateway = platform.services().stream().filter(s -> s.name().equals("notification-gateway"))
                    .findFirst().map(ServiceProcess::pid).orElseThrow();
            System.out.println("warm-up: 1000 watchers, 10 bids/s, " + WARM_UP_SECONDS + " s, then 100 bids/s until "
                    + "the JIT settles (" + BUSY_WARM_UP_MIN_SECONDS + "–" + BUSY_WARM_UP_SECONDS + " s)");
            run(config, client, seller, bidders, gateway, new Point(1000, 10), WARM_UP_SECONDS);
            Map<String, Long> jvms = CompilerActivity.jvmsOf(platform);
            jvms.put("watchers' client", client.pid());
            int busy = CompilerActivity.warmUntilSettled(jvms, BUSY_WARM_UP_MIN_SECONDS, BUSY_WARM_UP_SECONDS,
                    seconds -> run(config, client, seller, bidders, gateway, new Point(1000, 100), seconds));
            List<Outcome> outcomes = new ArrayList<>();
            for (Point point : sweep) {
                Outcome outcome = run(config, client, seller, bidders, gateway, point, SECONDS);
                System.out.println(point + ": " + outcome.client() + " gateway CPU " + outcome.gatewayCpu() + " bid to Kafka p50/p99 ms " + Arrays.toString(outcome.toKafka()));
                outcomes.add(outcome);
            }
            write(Report.repository(), outcomes, busy);
        }
    }

    /** The watchers' JVM ({@link FanoutClient}), one for the whole run: warmed up with the services. */
    static final class Client implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;
        private final PrintWriter in;

        Client(PlatformConfig config) throws IOException {
            process = new ProcessBuilder(javaBinary(), "-Xmx2g", "-XX:+UseParallelGC",
                    "-cp", System.getProperty("java.class.path"), FanoutClient.class.getName(), "127.0.0.1",
                    String.valueOf(config.port("notification-gateway")), String.valueOf(CLIENT_LOOPS))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream()));
            in = new PrintWriter(process.getOutputStream(), true);
        }

        long pid() {
            return process.pid();
        }

        void send(String line) {
            in.println(line);
        }

        /** The client's next line, which must start with {@code expected}. */
        String expect(String expected) throws IOException {
            String line = out.readLine();
            if (line == null || !line.startsWith(expected)) {
                throw new IllegalStateException("the fan-out client said " + line + " instead of " + expected);
            }
            return line;
        }

        @Override
        public void close() {
            in.close();
            process.destroyForcibly();
        }
    }

    static Outcome run(PlatformConfig config, Client client, String seller, List<String> bidders, long gateway,
            Point point, int seconds) throws Exception {
        String auction = BiddingBenchmark.auction(config, seller, "Fan-out " + point,
                Instant.now().plus(Duration.ofHours(2)));
        long rssBefore = rssKib(gateway);
        client.send("WATCH " + auction + " " + point.watchers());
        client.expect("READY");
        long rssConnected = rssKib(gateway);
        Instant measuredFrom = Instant.now();
        client.send("MEASURE");
        long cpuFrom = Report.cpuTicks(gateway);
        long wallFrom = System.nanoTime();
        long bids = BidStream.run(config, auction, bidders, point.rate(), seconds);
        long end = BiddingBenchmark.sequence(config, auction);
        List<BidStorm.Placement> placed = BidStorm.placements(config, java.util.Set.of(auction), measuredFrom);
        // the client ages each snapshot by the placedAt of the bid with its sequence
        client.send("PLACED " + placed.stream().map(pl -> pl.sequence() + ":" + pl.placedAt())
                .collect(java.util.stream.Collectors.joining(",")));
        client.send("END " + end);
        String result = client.expect("RESULT ");
        double cpu = (Report.cpuTicks(gateway) - cpuFrom) * 10_000_000.0 / (System.nanoTime() - wallFrom);
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : result.substring(7).split(" ")) {
            String[] kv = pair.split("=");
            values.put(kv[0], kv[1]);
        }
        client.expect("CLOSED");
        long[] toKafka = BidStorm.relayDelays(placed);
        return new Outcome(point, values, cpu, rssConnected / 1024,
                Math.max(0, rssConnected - rssBefore) / (double) point.watchers(), bids, toKafka);
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static long rssKib(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .findFirst().map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).orElse(0L);
    }

    static void write(Path repository, List<Outcome> outcomes, int busyWarmUp) throws IOException {
        StringBuilder table = new StringBuilder();
        int largest = 0;
        for (Outcome o : outcomes) {
            Map<String, String> c = o.client();
            table.append("| %,d | %d | %d | %s | %s | %s | %s | %s | %d / %d | %s / %s | %s | %s | %s / %s | %.0f %% | %d MiB (%.0f KiB/watcher) | %.0f %% | %s |%n"
                    .formatted(o.point().watchers(), o.point().rate(), o.bids(), c.get("expected"), c.get("received"),
                            c.get("conflated"), String.valueOf(o.value("lost") + o.value("missing")), c.get("closed"),
                            o.toKafka()[0], o.toKafka()[1], c.get("p50"), c.get("p95"), c.get("p99"), c.get("max"),
                            c.get("stateP95"), c.get("stateP99"),
                            o.gatewayCpu() * 100,
                            o.gatewayRssMiB(), o.kibPerWatcher(), Double.parseDouble(c.get("clientCpu")) * 100,
                            o.met() ? "yes" : "no"));
            if (o.point().rate() == 10 && o.met()) {
                largest = Math.max(largest, o.point().watchers());
            }
        }
        Outcome hundred = outcomes.stream().filter(o -> o.point().watchers() == 1000 && o.point().rate() == 100)
                .findFirst().orElse(null);
        String report = """
                ## Live feed fan-out

                Run with `gavel-bench/run fanout` on %s: %s. Every service, PostgreSQL and Kafka on this machine,
                and the load client too: N WebSocket watchers of one auction in a JVM of their own, one for the
                whole run and so warmed up with the services (Vert.x, %d event loops), straight to
                notification-gateway; three bidders bid through bidding-service at R per second.
                Each point is a new auction, %d s of bids after a warm-up of 1,000 watchers: %d s at 10 bids/s, then
                100 bids/s until no JVM on the machine spent more than %.0f %% of a core on JIT compilation in %d s (%d s
                in this run), so that the points measure the compiled code, not the compilers. Latency
                is from the bid's `placedAt` to its frame reaching the client, in whole milliseconds; *bid → Kafka* is
                from `placedAt` to the record's timestamp (bidding-service's outbox relay). *Conflated*: frames a
                watcher did not get one by one because its socket backed up or the gateway fell behind, each gap marked
                by a fresh snapshot of the latest state (allowed by the contract). *Latest state*: how old the newest
                bid a watcher is shown is when it arrives, for every `bid-placed` frame and every snapshot (a snapshot's
                age from the `placedAt` of the bid with its sequence): the staleness a watcher sees, conflation or not.
                *Lost*: a gap without a snapshot, a frame twice or backwards, or a watcher that never reached the last
                sequence. Gateway CPU is in cores (100 %% = one core of two); its memory is its resident size with the
                watchers connected, and the growth per watcher from before they connected.

                | watchers | bids/s | bids | frames expected | received | conflated | lost | closed | bid → Kafka p50 / p99 ms | p50 / p95 ms | p99 ms | max ms | latest state p95 / p99 ms | gateway CPU | gateway memory | client CPU | p95 < 500 ms, nothing lost |
                |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
                %s

                **Largest N at 10 bids/s with p95 < 500 ms and nothing lost: %s.** Bid → frame p99 at 1,000 watchers and
                100 bids/s: %s (target ≤ 50 ms). The client shares the two cores with the gateway: where its CPU share
                is near a core, the figure is the client's limit as much as the gateway's.
                """.formatted(java.time.LocalDate.now(), Report.machine(), CLIENT_LOOPS, SECONDS, WARM_UP_SECONDS,
                CompilerActivity.SETTLED_COMPILER_SHARE * 100, CompilerActivity.ROUND_SECONDS, busyWarmUp,
                table.toString().strip(), largest == 0 ? "none" : "%,d".formatted(largest),
                hundred == null ? "not run" : hundred.client().get("p99") + " ms");
        Report.writeSection(repository, "## Live feed fan-out", report);
    }
}
