package dev.gavel.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.events.Topics;
import dev.gavel.launcher.Platform;
import dev.gavel.launcher.PlatformConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run, one machine: (1) pgbench runs the engine's per-bid work (SELECT … FOR UPDATE + INSERT + UPDATE + outbox
 * INSERT, fsync on) against one hot row and against 1,000 rows — PostgreSQL's own ceiling for a lock per bid; (2) the
 * real platform takes bids on one hot auction through the HTTP API from concurrent clients, every 201 durable. Then
 * it writes accepted bids/s, latency percentiles, the ratio to the ceiling and the commit-to-Kafka delay to
 * docs/benchmarks.md.
 */
public final class BiddingBenchmark {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Five JVMs, Kafka and PostgreSQL share two cores: the JIT needs a while before the numbers mean anything. */
    static final int WARM_UP_SECONDS = Integer.getInteger("warmup", 60);
    /** The services that consume bidding's events; stopped while the storm is measured. */
    static final List<String> CONSUMERS = List.of("auction-service", "notification-gateway");
    /** A hot row is fastest with few clients (less lock queueing) or many (group commit); all are tried. */
    static final List<Integer> HOT_ROW_CLIENTS = List.of(2, 8, 16);
    /** The next bid in cents per auction, across the storms (the hot auction's goes on from one storm to the next). */
    static final Map<String, AtomicLong> NEXT_CENTS = new java.util.concurrent.ConcurrentHashMap<>();
    /** The auctions of the spread storm. */
    static final int SPREAD_AUCTIONS = Integer.getInteger("spread", 1000);

    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(System.getProperty("clients", "200"));
        int seconds = Integer.parseInt(System.getProperty("seconds", "20"));
        Path repository = Report.repository();
        PlatformConfig config = Report.platformConfig();
        try (Platform platform = Platform.start(config, System.out)) {
            BenchAccounts.useMailbox(platform.mailInboxUrl());
            Map<String, Double> hot = PgbenchCeiling.best(config, 1, HOT_ROW_CLIENTS);
            Map<String, Double> spread = PgbenchCeiling.best(config, 1000, List.of(16));
            String auction = auction(config, "Benchmark lot");
            String quiet = auction(config, "Quiet lot");
            List<String> bidders = bidders(config, Math.min(clients, 32));
            Result shared = drive(config, List.of(auction), bidders, clients, seconds, WARM_UP_SECONDS);
            List<String> lots = lots(config, SPREAD_AUCTIONS);
            // The event consumers run on their own machines in production; here they would take most of a core
            // consuming every bid-placed. Bidding needs neither while it takes bids (it never calls the catalog).
            for (String consumer : CONSUMERS) {
                platform.stopService(consumer);
            }
            Result service = drive(config, List.of(auction), bidders, clients, seconds, 15);
            Result spreadRun = drive(config, lots, bidders, clients, seconds, 15);
            long[] light = lightLoad(config, quiet);
            write(repository, clients, seconds, hot, spread, shared, service, spreadRun, light);
        }
    }

    // ---------- the service

    record Result(long accepted, long rejected, long errors, double seconds, long p50, long p99, long p999,
            long relayP50, long relayP99) {
    }

    /** {@code count} auctions of one seller (two hours), once bidding knows them all. */
    static List<String> lots(PlatformConfig config, int count) throws Exception {
        String seller = BenchAccounts.signUp("http://127.0.0.1:" + config.port("user-service"), "lots-seller");
        String catalog = "http://127.0.0.1:" + config.port("auction-service");
        String bidding = "http://127.0.0.1:" + config.port("bidding-service");
        String endsAt = Instant.now().plus(Duration.ofHours(2)).toString();
        List<String> lots = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lots.add(post(catalog + "/api/auctions", seller, """
                    {"title":"Lot %d","description":"benchmark","startingPrice":1.00,"minIncrement":0.01,
                     "endsAt":"%s"}""".formatted(i, endsAt)).get("id").asText());
        }
        long deadline = System.currentTimeMillis() + 120_000;
        for (String lot : lots) {
            while (get(bidding + "/api/bids/auctions/" + lot + "/state") != 200) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the engine never learned about lot " + lot);
                }
                Thread.sleep(200);
            }
        }
        System.out.printf("%d lots listed%n", count);
        return lots;
    }

    /** An auction of a new seller (two hours), once bidding knows it. */
    static String auction(PlatformConfig config, String title) throws Exception {
        String seller = BenchAccounts.signUp("http://127.0.0.1:" + config.port("user-service"), "seller");
        return auction(config, seller, title, Instant.now().plus(Duration.ofHours(2)));
    }

    /** An auction created through the catalog (starting price 1.00, increment 0.01), once bidding knows it. */
    public static String auction(PlatformConfig config, String sellerToken, String title, Instant endsAt)
            throws Exception {
        String catalog = "http://127.0.0.1:" + config.port("auction-service");
        String bidding = "http://127.0.0.1:" + config.port("bidding-service");
        String auction = post(catalog + "/api/auctions", sellerToken, """
                {"title":"%s","description":"benchmark","startingPrice":1.00,"minIncrement":0.01,
                 "endsAt":"%s"}""".formatted(title, endsAt)).get("id").asText();
        long deadline = System.currentTimeMillis() + 30_000;
        while (get(bidding + "/api/bids/auctions/" + auction + "/state") != 200) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the engine never learned about the auction");
            }
            Thread.sleep(200);
        }
        return auction;
    }

    /** The auction's event sequence as the engine has it now. */
    public static long sequence(PlatformConfig config, String auction) throws Exception {
        String url = "http://127.0.0.1:" + config.port("bidding-service") + "/api/bids/auctions/" + auction + "/state";
        HttpResponse<String> response = Report.HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("sequence").asLong();
    }

    /** Registers {@code count} bidders; their access tokens. */
    static List<String> bidders(PlatformConfig config, int count) throws Exception {
        String users = "http://127.0.0.1:" + config.port("user-service");
        List<String> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tokens.add(BenchAccounts.signUp(users, "bidder" + i));
        }
        return tokens;
    }

    /**
     * A closed loop of {@code clients} keep-alive connections, each sending its next bid as soon as the previous one is
     * answered, the connections taking the bidders' tokens in turn. The client is Vert.x on one event loop (a few microseconds of CPU per request), so the load generator
     * takes little of the two cores it shares with the service. Every bid is one cent above the previous one sent.
     */
    static Result drive(PlatformConfig config, List<String> auctions, List<String> tokens, int clients, int seconds,
            int warmUpSeconds) throws Exception {
        List<AtomicLong> cents = auctions.stream().map(a -> NEXT_CENTS.computeIfAbsent(a, k -> new AtomicLong(100)))
                .toList();
        java.util.SplittableRandom random = new java.util.SplittableRandom(21);
        Instant measuredFrom = Instant.now().plusSeconds(warmUpSeconds);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong accepted = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long warmUpEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmUpSeconds);
        long end = warmUpEnd + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(clients);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(config.port("bidding-service")).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(clients));
        try {
            for (int c = 0; c < clients; c++) {
                String authorization = "Bearer " + tokens.get(c % tokens.size());
                Runnable[] next = new Runnable[1];
                next[0] = () -> {
                    if (System.nanoTime() >= end) {
                        done.countDown();
                        return;
                    }
                    int lot = auctions.size() == 1 ? 0 : random.nextInt(auctions.size());
                    long amount = cents.get(lot).incrementAndGet();
                    Buffer body = Buffer.buffer("{\"auctionId\":\"" + auctions.get(lot) + "\",\"amount\":" + (amount / 100) + "."
                            + String.format("%02d", amount % 100) + "}");
                    long start = System.nanoTime();
                    client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/bids")
                                    .putHeader("Authorization", authorization)
                                    .putHeader("Content-Type", "application/json"))
                            .compose(request -> request.send(body))
                            .compose(response -> response.body().map(ignored -> response.statusCode()))
                            .onComplete(answer -> {
                                long took = System.nanoTime() - start;
                                if (start >= warmUpEnd) {
                                    int status = answer.succeeded() ? answer.result() : -1;
                                    if (status == 201) {
                                        accepted.incrementAndGet();
                                        latencies.add(took);
                                    } else if (status == 409) {
                                        rejected.incrementAndGet();
                                    } else {
                                        errors.incrementAndGet();
                                    }
                                }
                                next[0].run();
                            });
                };
                vertx.runOnContext(ignored -> next[0].run());
            }
            done.await();
        } finally {
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        long[] relay = relayDelays(config, java.util.Set.copyOf(auctions), measuredFrom);
        Result result = new Result(accepted.get(), rejected.get(), errors.get(), seconds,
                percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 0.999), relay[0], relay[1]);
        System.out.printf("service, %d auction(s): %.0f accepted bids/s (%d accepted, %d too low, %d errors), p50 %.1f ms, p99 %.1f ms%n",
                auctions.size(), result.accepted / (double) seconds, result.accepted, result.rejected, result.errors,
                result.p50 / 1e6, result.p99 / 1e6);
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
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + config.kafkaPort());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<Long> delays = new ArrayList<>();
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
                            delays.add(Math.max(0, r.timestamp() - placed.toEpochMilli()));
                        }
                    }
                }
            }
        }
        Collections.sort(delays);
        return new long[] {percentile(delays, 0.5), percentile(delays, 0.99)};
    }

    static long percentile(List<Long> sorted, double q) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    static JsonNode post(String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = Report.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    static int get(String url) throws Exception {
        return Report.HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    // ---------- the report

    static void write(Path repository, int clients, int seconds, Map<String, Double> hot, Map<String, Double> spread,
            Result shared, Result service, Result spreadRun, long[] light) throws IOException {
        double spreadPerSecond = spreadRun.accepted / (double) spreadRun.seconds;
        double acceptedPerSecond = service.accepted / (double) service.seconds;
        String report = """
                ## Bidding on one hot auction

                Run with `gavel-bench/run` on %s: %s. One machine for everything: the
                embedded PostgreSQL (fsync on, synchronous commit), the Kafka broker, the services and the load
                generator. pgbench runs first, with every service up and idle. The storm runs twice on the same auction:
                first with all five services up, then with auction-service and notification-gateway stopped: they
                consume every `bid-placed` and run on machines of their own in a deployment, and bidding takes bids
                without them. The second run is the one compared with the ceiling. A third run, consumers still
                stopped, spreads the same clients over many auctions, to compare with pgbench's 1,000-row figure.

                | what | result |
                |---|---|
                | PostgreSQL ceiling, one hot row (pgbench: SELECT … FOR UPDATE + INSERT + UPDATE + outbox INSERT per transaction; best of 2, 8 and 16 clients, 10 s each) | %.0f tx/s with %.0f clients, %.1f ms average |
                | PostgreSQL ceiling, 1,000 rows (same script, random row, 16 clients) | %.0f tx/s, %.1f ms average |
                | first run: %d clients, every service on the two cores (event consumers included), %d s after a %d s warm-up | %.0f accepted bids/s (%d too low, %d errors), p50 %.1f ms, p99 %.1f ms; **%.2f×** the hot-row ceiling |
                | second run: bidding-service through HTTP, one hot auction, %d concurrent clients (keep-alive connections, closed loop), %d s after a 15 s warm-up | **%.0f accepted bids/s** (%d accepted, %d too low, %d errors) |
                | latency of accepted bids (HTTP round trip, each 201 durable) | p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms |
                | ratio to the hot-row ceiling | **%.2f×** |
                | bid decided → record in Kafka (outbox relay), under the load above | p50 %d ms, p99 %d ms |
                | third run: the same clients spread over %d auctions (each bid on a random one), consumers stopped, %d s after a 15 s warm-up | **%.0f accepted bids/s** (%d too low, %d errors), p50 %.1f ms, p99 %.1f ms; **%.2f×** the 1,000-row ceiling |
                | bid decided → record in Kafka at light load, after the storm (one bid every 100 ms; target: well under 20 ms) | p50 %d ms, p99 %d ms |

                The engine decides the bids of one auction in batches (group commit): one transaction, one row lock
                and one fsync for up to 256 bids, each answered only after its batch commits; bids spread over many
                auctions share a transaction of up to 256 bids as well, each auction's row locked once. Within a batch the bids
                are decided lowest first; a bid below what an earlier batch reached is answered 409 `BID_TOO_LOW` and
                counted as too low. Each client sends the next cent above the last bid sent by any client.

                **Goals: at least 2× the hot-row ceiling through HTTP: %s. At least 3× with every service on the machine
                (first run): %s. At least 6× with the event consumers on other machines (second run): %s. Spread over 1,000
                auctions, at least 1.5× the 1,000-row ceiling (third run): %s.**
                """.formatted(LocalDate.now(), Report.machine(),
                hot.get("tps"), hot.get("clients"), hot.get("latency"), spread.get("tps"), spread.get("latency"),
                clients, seconds, WARM_UP_SECONDS, shared.accepted / (double) shared.seconds, shared.rejected, shared.errors,
                shared.p50 / 1e6, shared.p99 / 1e6, shared.accepted / (double) shared.seconds / hot.get("tps"),
                clients, seconds,
                acceptedPerSecond, service.accepted, service.rejected, service.errors,
                service.p50 / 1e6, service.p99 / 1e6, service.p999 / 1e6, acceptedPerSecond / hot.get("tps"),
                service.relayP50, service.relayP99,
                SPREAD_AUCTIONS, seconds, spreadPerSecond, spreadRun.rejected, spreadRun.errors, spreadRun.p50 / 1e6,
                spreadRun.p99 / 1e6, spreadPerSecond / spread.get("tps"),
                light[0], light[1],
                acceptedPerSecond >= 2 * hot.get("tps") ? "met" : "not met yet",
                shared.accepted / (double) shared.seconds >= 3 * hot.get("tps") ? "met" : "not met yet",
                acceptedPerSecond >= 6 * hot.get("tps") ? "met" : "not met yet",
                spreadPerSecond >= 1.5 * spread.get("tps") ? "met" : "not met yet");
        Report.writeSection(repository, "## Bidding on one hot auction", report);
    }

}
