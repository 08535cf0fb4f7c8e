package dev.gavel.bench;

import dev.gavel.launcher.Platform;
import dev.gavel.launcher.PlatformConfig;

import java.util.List;

/**
 * The bidding benchmark's third storm alone, for working on it: the platform with its event consumers stopped, 100
 * bidders over 1,000 lots, a warm-up storm, then {@code runs} storms of 20 s, each printed with bidding-service's and
 * PostgreSQL's CPU per accepted bid (from {@code /proc}). Writes nothing to docs/benchmarks.md: the full run
 * ({@link BiddingBenchmark}) is the measurement of record.
 */
public final class SpreadStorm {

    private SpreadStorm() {
    }

    public static void main(String[] args) throws Exception {
        PlatformConfig config = Report.platformConfig();
        int runs = Integer.getInteger("runs", 3);
        // -Dlots=1 makes it the bidding benchmark's second storm (one hot auction, engine alone), for profiling
        int lotCount = Integer.getInteger("lots", BiddingBenchmark.SPREAD_AUCTIONS);
        try (Platform platform = Platform.startInTemporaryHome(config, System.out)) {
            BenchAccounts.useMailbox(platform.mailInboxUrl());
            List<String> bidders = BiddingBenchmark.bidders(config, 100);
            List<String> lots = BiddingBenchmark.lots(config, lotCount);
            for (String consumer : BiddingBenchmark.CONSUMERS) {
                platform.stopService(consumer);
            }
            BidStorm.Result warmUp = BidStorm.drive(config, lots, bidders, 200, 20, 45);
            System.out.printf("warm-up: %.0f accepted bids/s%n", warmUp.accepted() / warmUp.seconds());
            for (int run = 1; run <= runs; run++) {
                print("storm " + run, BidStorm.drive(config, lots, bidders, 200, 20, 0));
            }
        }
    }

    private static void print(String name, BidStorm.Result result) {
        System.out.printf("%s: %.0f accepted bids/s (%d too low, %d errors), p50 %.1f ms, p99 %.1f ms;"
                        + " CPU per accepted bid: bidding-service %.3f ms, PostgreSQL %.3f ms%n",
                name, result.accepted() / result.seconds(), result.rejected(), result.errors(), result.p50() / 1e6,
                result.p99() / 1e6, result.usage().biddingMicros(result.accepted()) / 1000,
                result.usage().postgresMicros(result.accepted()) / 1000);
    }
}
