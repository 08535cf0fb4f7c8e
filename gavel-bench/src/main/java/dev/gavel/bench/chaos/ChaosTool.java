package dev.gavel.bench.chaos;

import dev.gavel.bench.BenchAccounts;
import dev.gavel.bench.BiddingBenchmark;
import dev.gavel.bench.Report;
import dev.gavel.launcher.Platform;
import dev.gavel.launcher.PlatformConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * {@code gavel-bench/run chaos}: the fault scenarios under a bid storm, one auction each, on a whole platform on this
 * machine. In each: three bidders retrying with the same Idempotency-Key, three live watchers that reconnect, the
 * fault once the storm runs, and the auction's end after it; then the {@link Invariants}. Writes the figures
 * (answers failed during the fault, the time until bids are accepted again, 5xx and 500 counts, violations) to
 * docs/reliability.md.
 */
public final class ChaosTool {

    private static final Duration AUCTION = Duration.ofSeconds(70);

    /** One fault: what it does to the platform. */
    record Scenario(String name, Consumer<Platform> fault) {
    }

    /** What one scenario showed. */
    record Outcome(String scenario, int accepted, int failedAfterFault, double secondsFelt, int server5xx,
            int server500, List<String> violations) {
    }

    private ChaosTool() {
    }

    public static void main(String[] args) throws Exception {
        Path repository = Path.of(System.getProperty("gavel.repository", ".")).toAbsolutePath().normalize();
        PlatformConfig config = Report.platformConfig();
        List<Scenario> scenarios = List.of(
                new Scenario("SIGKILL bidding-service", p -> p.kill("bidding-service")),
                new Scenario("SIGKILL auction-service", p -> p.kill("auction-service")),
                new Scenario("SIGKILL notification-gateway", p -> p.kill("notification-gateway")),
                new Scenario("SIGKILL user-service", p -> p.kill("user-service")),
                new Scenario("SIGKILL payment-service", p -> p.kill("payment-service")),
                new Scenario("Kafka broker down 5 s", p -> p.restartKafka(Duration.ofSeconds(5))),
                new Scenario("PostgreSQL down 5 s", p -> p.restartPostgres(Duration.ofSeconds(5))),
                new Scenario("engine down across the auction's end", null));
        List<Outcome> outcomes = new ArrayList<>();
        try (Platform platform = Platform.startInTemporaryHome(config, System.out)) {
            BenchAccounts.useMailbox(platform.mailInboxUrl());
            String api = "http://127.0.0.1:" + config.gatewayPort();
            String seller = BenchAccounts.signUp(api, "chaosseller");
            List<String> bidders = List.of(BenchAccounts.signUp(api, "chaosone"), BenchAccounts.signUp(api, "chaostwo"),
                    BenchAccounts.signUp(api, "chaosthree"));
            for (Scenario scenario : scenarios) {
                System.out.println("chaos: " + scenario.name());
                outcomes.add(run(platform, config, seller, bidders, scenario));
                System.out.println("chaos: " + outcomes.get(outcomes.size() - 1));
            }
        }
        write(repository, outcomes);
    }

    static Outcome run(Platform platform, PlatformConfig config, String seller, List<String> bidders,
            Scenario scenario) throws Exception {
        boolean acrossTheEnd = scenario.fault() == null;
        Instant endsAt = Instant.now().plus(acrossTheEnd ? Duration.ofSeconds(25) : AUCTION).truncatedTo(ChronoUnit.SECONDS);
        String auctionId = BiddingBenchmark.auction(config, seller, "Chaos lot", endsAt);
        List<ReconnectingWatcher> watchers = List.of(new ReconnectingWatcher(config.gatewayPort(), auctionId),
                new ReconnectingWatcher(config.gatewayPort(), auctionId),
                new ReconnectingWatcher(config.gatewayPort(), auctionId));
        BidStorm storm = new BidStorm(config.gatewayPort(), auctionId, bidders);
        long faultAt;
        try {
            waitUntil(Duration.ofSeconds(30), () -> storm.acceptedCount() >= 20);
            faultAt = System.nanoTime();
            if (acrossTheEnd) {
                // the engine dies 5 s before the end and comes back after it: the close happens once, late
                waitUntil(Duration.ofSeconds(30), () -> Instant.now().isAfter(endsAt.minusSeconds(5)));
                faultAt = System.nanoTime();
                platform.kill("bidding-service");
            } else {
                scenario.fault().accept(platform);
                int before = storm.acceptedCount();
                waitUntil(Duration.ofSeconds(120), () -> storm.acceptedCount() >= before + 10);
            }
        } finally {
            waitUntil(Duration.ofSeconds(150), () -> Instant.now().isAfter(endsAt));
            storm.close();
        }
        Invariants invariants = new Invariants(config, auctionId);
        waitUntil(Duration.ofSeconds(180), () -> invariants.converged(watchers));
        List<String> violations = invariants.violations(storm, watchers);
        watchers.forEach(ReconnectingWatcher::close);
        return outcome(scenario.name(), storm, faultAt, violations);
    }

    /**
     * The figures of a run: the answers that failed (no answer, or 5xx) from the fault on, and how long after the
     * fault the last of them came (0 when none did: the fault did not reach the bidders).
     */
    static Outcome outcome(String scenario, BidStorm storm, long faultAt, List<String> violations) {
        int failed = 0;
        long lastFailure = faultAt;
        for (long[] answer : storm.timeline()) {
            if (answer[0] >= faultAt && (answer[1] == -1 || answer[1] >= 500)) {
                failed++;
                lastFailure = Math.max(lastFailure, answer[0]);
            }
        }
        int server5xx = storm.statuses.entrySet().stream().filter(e -> e.getKey() >= 500)
                .mapToInt(java.util.Map.Entry::getValue).sum();
        return new Outcome(scenario, storm.acceptedCount(), failed, (lastFailure - faultAt) / 1e9, server5xx,
                storm.statuses.getOrDefault(500, 0), violations);
    }

    /** Polls the condition every 200 ms (a tool, not a test: it waits as a person watching would). */
    static void waitUntil(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not reached within " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
    }

    static void write(Path repository, List<Outcome> outcomes) throws IOException {
        StringBuilder md = new StringBuilder("""
                # Reliability

                `gavel-bench/run chaos` (dev.gavel.bench.chaos.ChaosTool): the whole platform on one machine, one
                auction per scenario with three bidders (each bid with its own Idempotency-Key, retried with it after
                502, 503, 504 or no answer, 250 ms apart) and three live watchers that reconnect; the fault once 20 bids
                are in; the auction's end after it. Then the invariants (every 201 stored exactly once, no key with
                two bids, bid-placed gap-free, the catalog equal to the engine, one close, no 500, nothing
                dead-lettered, the outboxes drained, every watcher at the final state with each gap marked by a
                snapshot). A killed service is restarted by the platform's supervisor (as `./run` does).

                """);
        md.append("Run on ").append(LocalDate.now()).append(", ").append(Report.machine()).append(".\n\n");
        md.append("| scenario | bids accepted | answers failed after the fault | seconds from the fault to the last failed answer | 5xx answers in all | 500 answers | invariants |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Outcome o : outcomes) {
            md.append("| ").append(o.scenario()).append(" | ").append(o.accepted()).append(" | ")
                    .append(o.failedAfterFault()).append(" | ").append(String.format("%.1f", o.secondsFelt()))
                    .append(" | ").append(o.server5xx()).append(" | ").append(o.server500()).append(" | ")
                    .append(o.violations().isEmpty() ? "all hold" : String.join("; ", o.violations())).append(" |\n");
        }
        md.append("""

                "Answers failed" counts the 5xx answers and the requests without an answer (8 s timeout) from the fault
                on, each retry counted; every one of them was retried with its key until it got a real answer (the
                invariants check that none was lost or doubled). The seconds run from the fault to the last failed
                answer: how long the bidders felt it. A fault off the bidding path (the catalog, the live gateway,
                accounts, payments, the broker: bids are written to the outbox and relayed later) is not felt by
                bidders at all; the invariants show the rest of the platform caught up after it.
                """);
        Path file = repository.resolve("docs/reliability.md");
        Files.writeString(file, md.toString());
        System.out.println("wrote " + file);
    }
}
