package dev.gavel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much the JIT compilers of a set of JVMs worked since the last look, from {@code jstat -compiler} (the JDK's own
 * tool; its "Time" is the time spent in compilations). A benchmark warms up until this is small: on two shared cores
 * bidding-service's compilers worked through the first two minutes of 100 bids/s (docs/benchmarks.md, "the JIT's
 * warm-up measured, not guessed"), and a point measured during that measures the JIT.
 */
public final class CompilerActivity {

    private final Map<String, Long> pids;
    private final Map<String, Double> last = new LinkedHashMap<>();

    /** {@code pids}: a name for each JVM to watch. */
    public CompilerActivity(Map<String, Long> pids) {
        this.pids = Map.copyOf(pids);
        pids.forEach((name, pid) -> last.put(name, compileSeconds(pid)));
    }

    /** The seconds each JVM spent compiling since the last call (or since this was made). */
    public Map<String, Double> sinceLast() {
        Map<String, Double> delta = new LinkedHashMap<>();
        last.forEach((name, before) -> {
            double now = compileSeconds(pids.get(name));
            delta.put(name, Math.max(0, now - before));
            last.put(name, now);
        });
        return delta;
    }

    /** Seconds of compilation so far in the JVM {@code pid}: the "Time" column of {@code jstat -compiler}. */
    static double compileSeconds(long pid) {
        String jstat = Path.of(System.getProperty("java.home"), "bin", "jstat").toString();
        try {
            Process process = new ProcessBuilder(jstat, "-compiler", String.valueOf(pid)).redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return parse(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The "Time" column of {@code jstat -compiler}'s output: a header line, then one line of values. */
    static double parse(String jstatOutput) {
        List<String> lines = jstatOutput.strip().lines().toList();
        if (lines.size() < 2 || !lines.get(0).contains("Time")) {
            throw new IllegalStateException("jstat -compiler said: " + jstatOutput.strip());
        }
        List<String> header = List.of(lines.get(0).trim().split("\\s+"));
        String[] values = lines.get(1).trim().split("\\s+");
        return Double.parseDouble(values[header.indexOf("Time")].replace(',', '.'));
    }
}
