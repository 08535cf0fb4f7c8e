package dev.gavel.bench;

import dev.gavel.events.Topics;
import dev.gavel.launcher.Platform;
import dev.gavel.launcher.PlatformConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a {@code bid-placed} event costs its consumers, for working on them: the bidding benchmark's first storm (one
 * hot auction, every service up) after a warm-up, then {@code runs} storms of 20 s, each followed by waiting until
 * auction-service's and notification-gateway's inbox groups have committed every event. Prints, per storm, the CPU
 * each process used per event from the storm's start until then, less what it uses idle (measured first). Writes
 * nothing to docs/benchmarks.md: {@link BiddingBenchmark} is the measurement of record.
 */
public final class ConsumerCost {

    /** The processes measured, by what their command line contains. */
    private static final Map<String, String> PROCESSES = new LinkedHashMap<>();

    static {
        PROCESSES.put("auction-service", "auction-service/target");
        PROCESSES.put("notification-gateway", "notification-gateway/target");
        PROCESSES.put("bidding-service", "bidding-service/target");
        PROCESSES.put("PostgreSQL", "/bin/postgres");
        // the rest of the machine: the services that take no part in a bid (and this JVM: THIS_JVM)
        PROCESSES.put("user-service", "user-service/target");
        PROCESSES.put("media-service", "media-service/target");
        PROCESSES.put("payment-service", "payment-service/target");
        PROCESSES.put("web-app", "web-app/target");
    }

    /** This JVM's own share (not its children's): the Kafka broker and the bidders' client. */
    private static final String THIS_JVM = "benchmark (Kafka broker, bidders)";

    /** The consumer groups that must have committed every event before a storm's CPU is read. */
    private static final List<String> GROUPS = List.of("auction-service", "notification-gateway");

    private ConsumerCost() {
    }

    public static void main(String[] args) throws Exception {
        PlatformConfig config = Report.platformConfig();
        int runs = Integer.getInteger("runs", 3);
        int seconds = Integer.getInteger("seconds", 20);
        try (Platform platform = Platform.startInTemporaryHome(config, System.out);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        "127.0.0.1:" + config.kafkaPort()))) {
            BenchAccounts.useMailbox(platform.mailInboxUrl());
            List<String> bidders = BiddingBenchmark.bidders(config, 100);
            String auction = BiddingBenchmark.auction(config, "Consumer cost lot");
            int warmUp = BiddingBenchmark.warmUp(platform, config, auction, bidders, 200);
            System.out.printf("warm-up: %d s%n", warmUp);
            awaitCommitted(admin, endOffsets(admin));
            Map<String, Double> idle = cpuSeconds();
            long idleFrom = System.nanoTime();
            Thread.sleep(10_000);
            double idleSeconds = (System.nanoTime() - idleFrom) / 1e9;
            Map<String, Double> idleRate = new LinkedHashMap<>();
            used(idle, cpuSeconds()).forEach((name, s) -> idleRate.put(name, s / idleSeconds));
            System.out.println("idle CPU (cores): " + format(idleRate));
            for (int run = 1; run <= runs; run++) {
                Map<String, Long> before = endOffsets(admin);
                Map<String, Double> cpu = cpuSeconds();
                long from = System.nanoTime();
                // the storm's records are not read back afterwards: this JVM's CPU is measured until the consumers
                // caught up, and reading them was most of its CPU then (a JFR profile: docs/benchmarks.md)
                BidStorm.Result storm = BidStorm.drive(config, List.of(auction), bidders, 200, seconds, 0, false);
                Map<String, Long> after = endOffsets(admin);
                long stormEnded = System.nanoTime();
                awaitCommitted(admin, after);
                double caughtUp = (System.nanoTime() - stormEnded) / 1e9;
                double elapsed = (System.nanoTime() - from) / 1e9;
                Map<String, Double> used = used(cpu, cpuSeconds());
                long events = after.values().stream().mapToLong(Long::longValue).sum()
                        - before.values().stream().mapToLong(Long::longValue).sum();
                Map<String, Double> perEvent = new LinkedHashMap<>();
                used.forEach((name, s) -> perEvent.put(name, (s - idleRate.get(name) * elapsed) * 1e6 / events));
                System.out.printf("storm %d: %.0f accepted bids/s, %d events, consumers caught up %.1f s after;"
                        + " CPU per event (µs, idle deducted): %s%n", run, storm.accepted() / storm.seconds(), events,
                        caughtUp, format(perEvent));
            }
        }
    }

    /** The end offset of each partition of {@code bid-placed}, by partition. */
    private static Map<String, Long> endOffsets(Admin admin) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.BID_PLACED)).allTopicNames().get()
                .get(Topics.BID_PLACED).partitions().stream()
                .map(p -> new TopicPartition(Topics.BID_PLACED, p.partition())).toList();
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(),
                        p -> OffsetSpec.latest()))).all().get().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toString(), e -> e.getValue().offset()));
    }

    /** Waits (at most two minutes) until every group has committed at least {@code ends} on every partition. */
    private static void awaitCommitted(Admin admin, Map<String, Long> ends) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        for (String group : GROUPS) {
            while (!committed(admin, group, ends)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(group + " did not catch up within two minutes");
                }
                Thread.sleep(100);
            }
        }
    }

    private static boolean committed(Admin admin, String group, Map<String, Long> ends) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<String, Long> at = offsets.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(e -> e.getKey().toString(), e -> e.getValue().offset()));
        return ends.entrySet().stream()
                .allMatch(e -> e.getValue() == 0 || at.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    private static Map<String, Double> cpuSeconds() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        PROCESSES.forEach((name, match) -> seconds.put(name, Report.cpuSeconds(match)));
        seconds.put(THIS_JVM, Report.cpuSecondsOfThisJvm());
        return seconds;
    }

    /** CPU seconds each process used between two readings. */
    private static Map<String, Double> used(Map<String, Double> from, Map<String, Double> to) {
        Map<String, Double> used = new LinkedHashMap<>();
        from.forEach((name, s) -> used.put(name, to.get(name) - s));
        return used;
    }

    private static String format(Map<String, Double> values) {
        return values.entrySet().stream().map(e -> "%s %.2f".formatted(e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
