package dev.gavel.bench;

import dev.gavel.launcher.Platform;

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

    /** Settled: no JVM spent more than this share of a core compiling in the last round of a warm-up. */
    public static final double SETTLED_COMPILER_SHARE = 0.05;
    /** The length of a warm-up's round: each is judged by what the compilers did during it. */
    public static final int ROUND_SECONDS = 30;

    /** Some load for {@code seconds}. */
    @FunctionalInterface
    public interface Round {
        void run(int seconds) throws Exception;
    }

    private final Map<String, Long> pids;
    private final Map<String, Double> last = new LinkedHashMap<>();

    /** {@code pids}: a name for each JVM to watch. */
    public CompilerActivity(Map<String, Long> pids) {
        this.pids = Map.copyOf(pids);
        pids.forEach((name, pid) -> last.put(name, compileSeconds(pid)));
    }

    /** Every service of {@code platform}, and this JVM (the Kafka broker and the load generator). */
    public static Map<String, Long> jvmsOf(Platform platform) {
        Map<String, Long> jvms = new LinkedHashMap<>();
        platform.services().forEach(s -> jvms.put(s.name(), s.pid()));
        jvms.put("benchmark (Kafka, load)", ProcessHandle.current().pid());
        return jvms;
    }

    /**
     * Warms up: runs {@code round} for {@link #ROUND_SECONDS} at a time, at least {@code minSeconds} and at most
     * {@code maxSeconds} in all, until no JVM of {@code jvms} spent more than {@link #SETTLED_COMPILER_SHARE} of a
     * core compiling in the last round. Prints each round's compilation; returns the seconds of load it ran.
     */
    public static int warmUntilSettled(Map<String, Long> jvms, int minSeconds, int maxSeconds, Round round)
            throws Exception {
        int roundSeconds = ROUND_SECONDS;
        CompilerActivity compilers = new CompilerActivity(jvms);
        int seconds = 0;
        boolean settled = false;
        while (seconds < maxSeconds && !(settled && seconds >= minSeconds)) {
            round.run(roundSeconds);
            seconds += roundSeconds;
            Map<String, Double> compiled = compilers.sinceLast();
            settled = compiled.values().stream().allMatch(c -> c < SETTLED_COMPILER_SHARE * roundSeconds);
            System.out.println("warm-up, " + seconds + " s: seconds of JIT compilation in the last " + roundSeconds
                    + " s " + compiled.entrySet().stream().map(e -> e.getKey() + " %.1f".formatted(e.getValue()))
                    .toList());
        }
        return seconds;
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
