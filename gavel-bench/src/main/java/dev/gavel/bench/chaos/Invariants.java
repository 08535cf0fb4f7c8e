package dev.gavel.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.events.Topics;
import dev.gavel.launcher.PlatformConfig;
import dev.gavel.launcher.ServiceSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * What must hold after a fault, for one auction a storm bid on and watchers followed, once it has closed: every 201
 * stored exactly once, no key with two bids, every bid on {@code bid-placed} with gap-free sequences, the catalog
 * equal to the engine, one close, no 500, nothing dead-lettered, the outboxes drained, and every watcher at the
 * engine's final state without a gap that no fresh snapshot marks.
 */
public final class Invariants {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final PlatformConfig config;
    private final String auctionId;
    private final String api;
    private final String kafka;

    public Invariants(PlatformConfig config, String auctionId) {
        this.config = config;
        this.auctionId = auctionId;
        this.api = "http://127.0.0.1:" + config.gatewayPort();
        this.kafka = "127.0.0.1:" + config.kafkaPort();
    }

    /** The auction closed in the catalog, the outboxes drained and every watcher at the engine's last sequence. */
    public boolean converged(List<ReconnectingWatcher> watchers) {
        try {
            JsonNode catalog = get("/api/auctions/" + auctionId);
            if (catalog == null || !"CLOSED".equals(catalog.path("status").asText())) {
                return false;
            }
            long sequence = get("/api/bids/auctions/" + auctionId + "/state").get("sequence").asLong();
            return unrelayedOutboxRows() == 0 && watchers.stream().allMatch(w -> w.lastSequence() == sequence);
        } catch (Exception e) {
            return false; // a service still coming back
        }
    }

    /** Every invariant that does not hold, in words; empty when all hold. */
    public List<String> violations(BidStorm storm, List<ReconnectingWatcher> watchers) throws Exception {
        List<String> violations = new ArrayList<>();
        if (storm.statuses.containsKey(500)) {
            violations.add("500 answered " + storm.statuses.get(500) + " times");
        }
        if (!storm.unanswered.isEmpty()) {
            violations.add(storm.unanswered.size() + " bids never got a final answer");
        }
        storm.accepted.forEach((key, ids) -> {
            if (ids.size() != 1) {
                violations.add("Idempotency-Key " + key + " answered with bids " + ids);
            }
        });
        Set<String> answered = storm.accepted.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        Set<String> stored = storedBids();
        if (!answered.equals(stored)) {
            violations.add("stored bids differ from the 201s: " + difference(answered, stored));
        }
        JsonNode engine = get("/api/bids/auctions/" + auctionId + "/state");
        long finalSequence = engine.get("sequence").asLong();
        if (finalSequence != stored.size() + 1) {
            violations.add("engine sequence " + finalSequence + " is not one per bid plus the close: " + stored.size());
        }
        List<JsonNode> placed = events(Topics.BID_PLACED);
        Set<String> placedBids = placed.stream().map(e -> e.get("bidId").asText()).collect(Collectors.toSet());
        if (!placedBids.equals(stored)) {
            violations.add("bid-placed differs from the stored bids: " + difference(stored, placedBids));
        }
        TreeSet<Long> sequences = placed.stream().map(e -> e.get("sequence").asLong())
                .collect(Collectors.toCollection(TreeSet::new));
        if (!sequences.equals(LongStream.rangeClosed(1, stored.size()).boxed().collect(Collectors.toCollection(TreeSet::new)))) {
            violations.add("bid-placed sequences are not 1.." + stored.size() + " without a gap");
        }
        long closes = events(Topics.AUCTION_CLOSED).stream().map(e -> e.get("eventId").asText()).distinct().count();
        if (closes != 1) {
            violations.add(closes + " auction-closed events, not one");
        }
        JsonNode catalog = get("/api/auctions/" + auctionId);
        if (catalog.get("bidCount").asLong() != engine.get("bidCount").asLong()
                || catalog.get("finalPrice").decimalValue().compareTo(engine.get("currentPrice").decimalValue()) != 0) {
            violations.add("the catalog (" + catalog.get("bidCount") + " bids, " + catalog.get("finalPrice")
                    + ") differs from the engine (" + engine.get("bidCount") + ", " + engine.get("currentPrice") + ")");
        }
        List<String> dead = deadLettered();
        if (!dead.isEmpty()) {
            violations.add("dead-lettered: " + dead);
        }
        long outbox = unrelayedOutboxRows();
        if (outbox != 0) {
            violations.add(outbox + " events still in the outboxes");
        }
        for (ReconnectingWatcher watcher : watchers) {
            if (watcher.lastSequence() != finalSequence) {
                violations.add("a watcher ends at sequence " + watcher.lastSequence() + ", the engine at " + finalSequence);
            }
            for (List<JsonNode> connection : watcher.connections()) {
                String gap = unmarkedGap(connection);
                if (gap != null) {
                    violations.add(gap);
                }
            }
        }
        return violations;
    }

    /** A connection begins with a snapshot; each frame follows the previous one's sequence or is a fresh snapshot. */
    static String unmarkedGap(List<JsonNode> frames) {
        if (frames.isEmpty()) {
            return null; // refused while the gateway was starting
        }
        if (!"snapshot".equals(frames.get(0).path("type").asText())) {
            return "a connection did not start with a snapshot: " + frames.get(0);
        }
        long previous = frames.get(0).get("sequence").asLong();
        for (JsonNode frame : frames.subList(1, frames.size())) {
            long sequence = frame.get("sequence").asLong();
            if (sequence <= previous) {
                return "a frame twice or backwards: " + previous + " then " + frame;
            }
            if (sequence != previous + 1 && !"snapshot".equals(frame.get("type").asText())) {
                return "a gap after " + previous + " without a snapshot: " + frame;
            }
            previous = sequence;
        }
        return null;
    }

    private static String difference(Set<String> a, Set<String> b) {
        Set<String> onlyA = new HashSet<>(a);
        onlyA.removeAll(b);
        Set<String> onlyB = new HashSet<>(b);
        onlyB.removeAll(a);
        return "only in the first " + onlyA + ", only in the second " + onlyB;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(api + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    private Set<String> storedBids() throws Exception {
        Set<String> ids = new HashSet<>();
        for (int page = 0; ; page++) {
            JsonNode items = get("/api/bids?auctionId=" + auctionId + "&size=100&page=" + page).get("items");
            items.forEach(item -> ids.add(item.get("bidId").asText()));
            if (items.size() < 100) {
                return ids;
            }
        }
    }

    private List<JsonNode> events(String topic) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String value : readToEnd(topic)) {
            events.add(JSON.readTree(value));
        }
        return events;
    }

    /** The values of the auction's records on the topic, from its start to its end now. */
    private List<String> readToEnd(String topic) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.GROUP_ID_CONFIG, "chaos-reader-" + UUID.randomUUID());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (auctionId.equals(r.key())) {
                        values.add(r.value());
                    }
                });
            }
        }
        return values;
    }

    private List<String> deadLettered() throws Exception {
        List<String> dead = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            for (String topic : admin.listTopics().names().get()) {
                if (topic.endsWith(".dlq")) {
                    readToEnd(topic).forEach(value -> dead.add(topic + ": " + value));
                }
            }
        }
        return dead;
    }

    private long unrelayedOutboxRows() throws Exception {
        long rows = 0;
        for (ServiceSpec spec : ServiceSpec.ALL) {
            if (spec.database() == null) {
                continue;
            }
            String url = "jdbc:postgresql://127.0.0.1:" + config.postgresPort() + "/" + spec.database();
            try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
                 ResultSet exists = db.createStatement().executeQuery("SELECT to_regclass('outbox_event') IS NOT NULL")) {
                exists.next();
                if (exists.getBoolean(1)) {
                    try (ResultSet count = db.createStatement().executeQuery("SELECT count(*) FROM outbox_event")) {
                        count.next();
                        rows += count.getLong(1);
                    }
                }
            }
        }
        return rows;
    }
}
