package dev.gavel.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.gavel.bench.BiddingBenchmark.SPREAD_AUCTIONS;

/** The "Bidding on one hot auction" section of docs/benchmarks.md, from one run's figures. */
final class BiddingReport {

    private BiddingReport() {
    }

    static void write(Path repository, int clients, int seconds, int warmUp, Map<String, Double> hot,
            Map<String, Double> spread,
            List<BidStorm.Result> sharedStorms, BidStorm.Result service, BidStorm.Result spreadRun, long[] light)
            throws IOException {
        List<BidStorm.Result> byRate = sharedStorms.stream()
                .sorted(Comparator.comparingDouble(BiddingReport::rate)).toList();
        BidStorm.Result shared = byRate.get(byRate.size() / 2);
        String storms = sharedStorms.stream().map(r -> "%.0f".formatted(rate(r))).collect(Collectors.joining(", "));
        double spreadPerSecond = spreadRun.accepted() / (double) spreadRun.seconds();
        double acceptedPerSecond = service.accepted() / (double) service.seconds();
        String report = """
                ## Bidding on one hot auction

                Run with `gavel-bench/run` on %s: %s. One machine for everything: the
                embedded PostgreSQL (fsync on, synchronous commit), the Kafka broker, the services and the load
                generator. pgbench runs first, with every service up and idle. The storm runs on the same auction:
                first with all five services up (three storms after a warm-up), then with auction-service and notification-gateway stopped: they
                consume every `bid-placed` and run on machines of their own in a deployment, and bidding takes bids
                without them. The second run is the one compared with the ceiling. A third run, consumers still
                stopped, spreads the same clients over many auctions, to compare with pgbench's 1,000-row figure.

                | what | result |
                |---|---|
                | PostgreSQL ceiling, one hot row (pgbench: SELECT … FOR UPDATE + INSERT + UPDATE + outbox INSERT per transaction; best of 2, 8 and 16 clients, 10 s each) | %.0f tx/s with %.0f clients, %.1f ms average |
                | PostgreSQL ceiling, 1,000 rows (same script, random row, 16 clients) | %.0f tx/s, %.1f ms average |
                | first run: %d clients, every service on the two cores (event consumers included), the median of %d storms of %d s one after the other, after a %d s warm-up (until the JIT settled) | %.0f accepted bids/s (%d too low, %d errors), p50 %.1f ms, p99 %.1f ms; **%.2f×** the hot-row ceiling (the storms in order: %s bids/s) |
                | second run: bidding-service through HTTP, one hot auction, %d concurrent clients (keep-alive connections, closed loop), %d s after a 15 s warm-up | **%.0f accepted bids/s** (%d accepted, %d too low, %d errors) |
                | latency of accepted bids (HTTP round trip, each 201 durable) | p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms |
                | ratio to the hot-row ceiling | **%.2f×** |
                | bid decided → record in Kafka (outbox relay), under the load above | p50 %d ms, p99 %d ms |
                | second run: what each accepted bid cost (CPU from `/proc` over the measured seconds; the engine's batches from its `gavel_bidding_batch_size`) | bidding-service %.0f µs, PostgreSQL %.0f µs; %.0f batches/s of %.1f requests |
                | third run: the same clients spread over %d auctions (each bid on a random one), consumers stopped, %d s after a 15 s warm-up | **%.0f accepted bids/s** (%d too low, %d errors), p50 %.1f ms, p99 %.1f ms; **%.2f×** the 1,000-row ceiling; per accepted bid: bidding-service %.0f µs, PostgreSQL %.0f µs of CPU |
                | bid decided → record in Kafka at light load, after the storm (one bid every 100 ms; target: well under 20 ms) | p50 %d ms, p99 %d ms |

                The engine decides the bids of one auction in batches (group commit): one transaction, one write of the
                auction's row and one fsync for up to 256 bids, each answered only after its batch commits; bids spread over
                many auctions share a transaction of up to 256 bids as well. A batch decides on the state the auction's last
                batch left in memory (the engine's lease), is decided while that batch commits, and writes the row (once that one
                committed) where its version is still the one kept; the row lock is the fallback (pgbench's script keeps the lock: it is the ceiling of that way). Within a batch
                the bids are decided lowest first; a bid below what an earlier batch reached is answered 409
                `BID_TOO_LOW` and counted as too low. Each client sends the next cent above the last bid sent by any
                client; 100 bidders (none reaches the per-person limit of 150 bids/s).

                **Goals: at least 2× the hot-row ceiling through HTTP: %s. At least 3× with every service on the machine
                (first run): %s. At least 6× with the event consumers on other machines (second run): %s. Spread over 1,000
                auctions, at least 1.5× the 1,000-row ceiling (third run): %s.**
                """.formatted(LocalDate.now(), Report.machine(),
                hot.get("tps"), hot.get("clients"), hot.get("latency"), spread.get("tps"), spread.get("latency"),
                clients, sharedStorms.size(), seconds, warmUp, rate(shared), shared.rejected(), shared.errors(),
                shared.p50() / 1e6, shared.p99() / 1e6, rate(shared) / hot.get("tps"), storms,
                clients, seconds,
                acceptedPerSecond, service.accepted(), service.rejected(), service.errors(),
                service.p50() / 1e6, service.p99() / 1e6, service.p999() / 1e6, acceptedPerSecond / hot.get("tps"),
                service.relayP50(), service.relayP99(),
                service.usage().biddingMicros(service.accepted()), service.usage().postgresMicros(service.accepted()),
                service.usage().batches() / service.seconds(), service.usage().meanBatch(),
                SPREAD_AUCTIONS, seconds, spreadPerSecond, spreadRun.rejected(), spreadRun.errors(), spreadRun.p50() / 1e6,
                spreadRun.p99() / 1e6, spreadPerSecond / spread.get("tps"),
                spreadRun.usage().biddingMicros(spreadRun.accepted()), spreadRun.usage().postgresMicros(spreadRun.accepted()),
                light[0], light[1],
                acceptedPerSecond >= 2 * hot.get("tps") ? "met" : "not met yet",
                rate(shared) >= 3 * hot.get("tps") ? "met" : "not met yet",
                acceptedPerSecond >= 6 * hot.get("tps") ? "met" : "not met yet",
                spreadPerSecond >= 1.5 * spread.get("tps") ? "met" : "not met yet");
        Report.writeSection(repository, "## Bidding on one hot auction", report);
    }

    private static double rate(BidStorm.Result storm) {
        return storm.accepted() / storm.seconds();
    }

}
