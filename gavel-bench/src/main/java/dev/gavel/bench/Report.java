package dev.gavel.bench;

import dev.gavel.embedded.Ports;
import dev.gavel.launcher.PlatformConfig;
import dev.gavel.launcher.ServiceSpec;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the benchmarks share: the platform they start, their HTTP client, the machine they describe, and
 * docs/benchmarks.md, which holds one {@code ## } section per benchmark (each run replaces its own section only).
 */
public final class Report {

    /** The benchmarks' client for setting up and for sequential requests (HTTP/1.1, keep-alive). */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Report() {
    }

    public static void writeSection(Path repository, String heading, String body) throws IOException {
        Path file = repository.resolve("docs/benchmarks.md");
        List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of("# Benchmarks", "");
        List<String> out = new ArrayList<>();
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals(heading)) {
                out.addAll(body.strip().lines().toList());
                out.add("");
                replaced = true;
                while (i + 1 < lines.size() && !lines.get(i + 1).startsWith("## ")) {
                    i++;
                }
            } else {
                out.add(lines.get(i));
            }
        }
        if (!replaced) {
            if (!out.isEmpty() && !out.get(out.size() - 1).isBlank()) {
                out.add("");
            }
            out.addAll(body.strip().lines().toList());
            out.add("");
        }
        Files.write(file, out);
        System.out.println("wrote " + heading.substring(3) + " to " + file);
    }

    /** A platform on free ports in a fresh directory, built from the repository the benchmark runs in. */
    public static PlatformConfig platformConfig() throws IOException {
        return platformConfig(Map.of());
    }

    /** The same, with more environment for every service. */
    public static PlatformConfig platformConfig(Map<String, String> environment) throws IOException {
        Path repository = repository();
        Map<String, Integer> ports = new LinkedHashMap<>();
        ServiceSpec.ALL.forEach(s -> ports.put(s.name(), Ports.freePort()));
        return new PlatformConfig(Files.createTempDirectory("gavel-bench"), repository,
                Ports.freePort(), Ports.freePort(), Ports.freePort(), Ports.freePort(), 0, 0, ports,
                serviceJavaOptions(), extra(environment));
    }

    /** -Xmx512m, and for diagnostics whatever {@code -Dgavel.bench.service-java-opts} adds (e.g. a JFR recording). */
    private static List<String> serviceJavaOptions() {
        List<String> options = new ArrayList<>(List.of("-Xmx512m"));
        String more = System.getProperty("gavel.bench.service-java-opts", "").trim();
        if (!more.isEmpty()) {
            options.addAll(List.of(more.split("\\s+")));
        }
        return options;
    }

    private static Map<String, String> extra(Map<String, String> environment) {
        Map<String, String> extra = new LinkedHashMap<>(PlatformConfig.ONE_MACHINE);
        extra.putAll(environment);
        return extra;
    }

    public static Path repository() {
        return Path.of(System.getProperty("gavel.repository", ".")).toAbsolutePath().normalize();
    }

    public static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        String line = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
        long gib = Math.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
        return "%d cores (%s), %d GiB memory, Java %s".formatted(Runtime.getRuntime().availableProcessors(), cpu, gib,
                System.getProperty("java.version"));
    }

    /** User + system CPU of a process, in clock ticks (1/100 s), from {@code /proc/<pid>/stat}. */
    public static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** CPU seconds used so far by the processes whose command line contains {@code match} (their children too). */
    public static double cpuSeconds(String match) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(match))
                .flatMap(p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
                .distinct()
                .mapToLong(Report::cpuTicks)
                .sum() / 100.0;
    }

    /** CPU seconds this JVM has used, without its children's. */
    public static double cpuSecondsOfThisJvm() {
        return cpuTicks(ProcessHandle.current()) / 100.0;
    }

    private static long cpuTicks(ProcessHandle process) {
        try {
            return cpuTicks(process.pid());
        } catch (IOException | RuntimeException gone) { // ended between listing and reading
            return 0;
        }
    }
}
