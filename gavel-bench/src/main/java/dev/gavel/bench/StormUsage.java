package dev.gavel.bench;

import dev.gavel.launcher.PlatformConfig;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a storm's measured seconds cost: CPU seconds of bidding-service and PostgreSQL (from {@code /proc}), and the
 * engine's batches (bidding-service's {@code gavel_bidding_batch_size} histogram: how many, how many requests in
 * them). Read at the start and at the end of the window; the difference is the storm's.
 */
record StormUsage(double biddingCpu, double postgresCpu, double batches, double batched) {

    private static final Pattern BATCHES = Pattern.compile("^gavel_bidding_batch_size_(count|sum)\\{[^}]*} (\\S+)$",
            Pattern.MULTILINE);

    /** The totals now (the batches are zero when bidding-service's metrics cannot be read). */
    static StormUsage now(PlatformConfig config) {
        double batches = 0;
        double batched = 0;
        try {
            String metrics = Report.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + config.port("bidding-service") + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = BATCHES.matcher(metrics);
            while (m.find()) {
                if (m.group(1).equals("count")) {
                    batches = Double.parseDouble(m.group(2));
                } else {
                    batched = Double.parseDouble(m.group(2));
                }
            }
        } catch (java.io.IOException e) {
            // no batches then
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new StormUsage(Report.cpuSeconds("bidding-service/target"), Report.cpuSeconds("/bin/postgres"), batches,
                batched);
    }

    StormUsage since(StormUsage start) {
        return new StormUsage(biddingCpu - start.biddingCpu, postgresCpu - start.postgresCpu, batches - start.batches,
                batched - start.batched);
    }

    /** µs of bidding-service's CPU per accepted bid. */
    double biddingMicros(long accepted) {
        return accepted == 0 ? 0 : biddingCpu * 1e6 / accepted;
    }

    /** µs of PostgreSQL's CPU per accepted bid. */
    double postgresMicros(long accepted) {
        return accepted == 0 ? 0 : postgresCpu * 1e6 / accepted;
    }

    /** The engine's mean batch (requests per auction's batch). */
    double meanBatch() {
        return batches == 0 ? 0 : batched / batches;
    }
}
