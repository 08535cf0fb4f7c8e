package dev.gavel.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.events.Topics;
import dev.gavel.launcher.PlatformConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.gavel.bench.BiddingBenchmark.JSON;
import static dev.gavel.bench.BiddingBenchmark.post;

/**
 * A bid storm through bidding-service's HTTP API (a closed loop of keep-alive clients) and what it measured: accepted
 * and refused bids, latency of the accepted ones, and how long their records took to reach Kafka (the outbox relay).
 */
public final class BidStorm {

    /** The next bid in cents per auction, across the storms (the hot auction's goes on from one storm to the next). */
    static final Map<String, AtomicLong> NEXT_CENTS = new java.util.concurrent.ConcurrentHashMap<>();

    private BidStorm() {
    }

    record Result(long accepted, long rejected, long errors, double seconds, long p50, long p99, long p999,
            long relayP50, long relayP99, StormUsage usage) {
    }

    /**
     * A closed loop of {@code clients} keep-alive connections, each sending its next bid as soon as the previous one is
     * answered, the connections taking the bidders' tokens in turn, on one event loop ({@link HttpLoad}, which takes as little as
     * it can of the two cores it shares with the platform). Every bid is one cent above the previous one sent.
     */
    static Result drive(PlatformConfig config, List<String> auctions, List<String> tokens, int clients, int seconds,
            int warmUpSeconds) throws Exception {
        return drive(config, auctions, tokens, clients, seconds, warmUpSeconds, true);
    }

    /**
     * The same; without {@code relayDelays} the storm's records are not read back from Kafka afterwards (relay
     * figures -1), for a caller that measures this JVM's CPU past the storm's end ({@link ConsumerCost}).
     */
    static Result drive(PlatformConfig config, List<String> auctions, List<String> tokens, int clients, int seconds,
            int warmUpSeconds, boolean relayDelays) throws Exception {
        List<AtomicLong> cents = auctions.stream().map(a -> NEXT_CENTS.computeIfAbsent(a, k -> new AtomicLong(100)))
                .toList();
        java.util.SplittableRandom random = new java.util.SplittableRandom(21);
        Instant measuredFrom = Instant.now().plusSeconds(warmUpSeconds);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong accepted = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        java.util.Map<Integer, AtomicLong> errorStatuses = new java.util.concurrent.ConcurrentHashMap<>();
        long warmUpEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmUpSeconds);
        long end = warmUpEnd + TimeUnit.SECONDS.toNanos(seconds);
        StormUsage usage;
        // what the measured seconds cost, read when the warm-up ends (off the client's event loop) and after the end
        CompletableFuture<StormUsage> atStart = CompletableFuture.supplyAsync(() -> StormUsage.now(config),
                CompletableFuture.delayedExecutor(Math.max(0, warmUpEnd - System.nanoTime()), TimeUnit.NANOSECONDS));
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        try (HttpLoad load = new HttpLoad("127.0.0.1", config.port("bidding-service"))) {
            for (int c = 0; c < clients; c++) {
                loops.add(load.loop("/api/bids", "Bearer " + tokens.get(c % tokens.size()), () -> {
                    if (System.nanoTime() >= end) {
                        return null;
                    }
                    int lot = auctions.size() == 1 ? 0 : random.nextInt(auctions.size());
                    long amount = cents.get(lot).incrementAndGet();
                    long fraction = amount % 100;
                    return "{\"auctionId\":\"" + auctions.get(lot) + "\",\"amount\":" + amount / 100
                            + (fraction < 10 ? ".0" : ".") + fraction + "}";
                }, (status, sentAt) -> {
                    if (sentAt >= warmUpEnd) {
                        if (status == 201) {
                            accepted.incrementAndGet();
                            latencies.add(System.nanoTime() - sentAt);
                        } else if (status == 409) {
                            rejected.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                            errorStatuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
                        }
                    }
                }));
            }
            CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
            usage = StormUsage.now(config).since(atStart.join());
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        long[] relay = relayDelays ? relayDelays(config, java.util.Set.copyOf(auctions), measuredFrom)
                : new long[] {-1, -1};
        Result result = new Result(accepted.get(), rejected.get(), errors.get(), seconds,
                percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 0.999), relay[0], relay[1],
                usage);
        System.out.printf("service, %d auction(s): %.0f accepted bids/s (%d accepted, %d too low, %d errors), p50 %.1f ms,"
                        + " p99 %.1f ms; per accepted bid: bidding-service %.0f µs, PostgreSQL %.0f µs of CPU;"
                        + " %.0f batches/s, %.1f requests each%n",
                auctions.size(), result.accepted / (double) seconds, result.accepted, result.rejected, result.errors,
                result.p50 / 1e6, result.p99 / 1e6, usage.biddingMicros(result.accepted),
                usage.postgresMicros(result.accepted), usage.batches() / seconds, usage.meanBatch());
        if (!errorStatuses.isEmpty()) {
            System.out.println("errors by status (-1: no answer): " + new java.util.TreeMap<>(errorStatuses));
        }
        return result;
    }

    /** Light load: one bidder, one bid every 100 ms; how long from the decision to the record in Kafka. */
    static long[] lightLoad(PlatformConfig config, String auction) throws Exception {
        String bidding = "http://127.0.0.1:" + config.port("bidding-service");
        String bidder = BenchAccounts.signUp("http://127.0.0.1:" + config.port("user-service"), "quiet-bidder");
        for (int i = 0; i < 100; i++) {
            post(bidding + "/api/bids", bidder, "{\"auctionId\":\"" + auction + "\",\"amount\":" + (1 + i) + ".00}");
            Thread.sleep(100);
        }
        long[] delays = relayDelays(config, java.util.Set.of(auction), Instant.EPOCH);
        System.out.printf("light load: decision to Kafka p50 %d ms, p99 %d ms%n", delays[0], delays[1]);
        return delays;
    }

    /** Commit-to-Kafka: the record's timestamp (set when the relay sends it) minus the bid's placedAt. */
    public static long[] relayDelays(PlatformConfig config, String auction, Instant placedFrom) throws Exception {
        return relayDelays(config, java.util.Set.of(auction), placedFrom);
    }

    /** Commit-to-Kafka of the bids on any of {@code auctions}. */
    static long[] relayDelays(PlatformConfig config, java.util.Set<String> auctions, Instant placedFrom)
            throws Exception {
        return relayDelays(placements(config, auctions, placedFrom));
    }

    /** Commit-to-Kafka p50 and p99 of {@code placements}, in ms. */
    public static long[] relayDelays(List<Placement> placements) {
        List<Long> delays = new ArrayList<>(placements.size());
        placements.forEach(pl -> delays.add(Math.max(0, pl.relayedAt() - pl.placedAt())));
        Collections.sort(delays);
        return new long[] {percentile(delays, 0.5), percentile(delays, 0.99)};
    }

    /** A bid as it reached Kafka: its auction's sequence, its placedAt and the record's timestamp (epoch ms). */
    public record Placement(long sequence, long placedAt, long relayedAt) {
    }

    /** The {@code bid-placed} records of {@code auctions} placed from {@code placedFrom}, read until 3 s are quiet. */
    public static List<Placement> placements(PlatformConfig config, java.util.Set<String> auctions, Instant placedFrom)
            throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + config.kafkaPort());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<Placement> placements = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.BID_PLACED));
            long quietSince = System.currentTimeMillis();
            while (System.currentTimeMillis() - quietSince < 3000) {
                var records = consumer.poll(Duration.ofMillis(300));
                if (!records.isEmpty()) {
                    quietSince = System.currentTimeMillis();
                }
                for (var r : records) {
                    if (auctions.contains(r.key())) {
                        JsonNode e = JSON.readTree(r.value());
                        Instant placed = Instant.parse(e.get("placedAt").asText());
                        if (!placed.isBefore(placedFrom)) {
                            placements.add(new Placement(e.get("sequence").asLong(), placed.toEpochMilli(),
                                    r.timestamp()));
                        }
                    }
                }
            }
        }
        return placements;
    }

    static long percentile(List<Long> sorted, double q) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
