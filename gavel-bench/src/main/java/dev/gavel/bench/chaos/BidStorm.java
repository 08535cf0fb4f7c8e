package dev.gavel.bench.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bidders placing bids on one auction through the API gateway, as well-behaved clients do: each bid has its own
 * Idempotency-Key, and an answer that says "try again" (502, 503, 504, a broken connection) is retried with the same
 * key after a pause, until a real answer comes. Asynchronous: no thread waits, no sleeps.
 */
public final class BidStorm implements AutoCloseable {

    private static final Set<Integer> RETRY = Set.of(502, 503, 504);
    private static final Pattern BID_ID = Pattern.compile("\"bidId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Duration PAUSE = Duration.ofMillis(250);
    private static final int MAX_ATTEMPTS = 400;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI bids;
    private final String auctionId;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger price = new AtomicInteger(10);
    private final CountDownLatch stopped;
    /** Status code → how many answers (every attempt counted); -1 for a failed connection. */
    public final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    /** Idempotency-Key → the bid id of its 201 answers (all of them, so that two different ids would show). */
    public final Map<String, Set<String>> accepted = new ConcurrentHashMap<>();
    /** Every answer as it came: {@code [System.nanoTime(), status]} (status -1: no connection or no answer in time). */
    private final Queue<long[]> timeline = new ConcurrentLinkedQueue<>();
    /** Keys given up on (still unanswered after every retry). */
    public final Set<String> unanswered = ConcurrentHashMap.newKeySet();

    public BidStorm(int gatewayPort, String auctionId, List<String> bidderTokens) {
        this.bids = URI.create("http://127.0.0.1:" + gatewayPort + "/api/bids");
        this.auctionId = auctionId;
        this.stopped = new CountDownLatch(bidderTokens.size());
        bidderTokens.forEach(this::next);
    }

    public int acceptedCount() {
        return accepted.size();
    }

    /** The answers so far, in the order they came: {@code [System.nanoTime(), status]}. */
    public List<long[]> timeline() {
        return List.copyOf(timeline);
    }

    public int count(int status) {
        return statuses.getOrDefault(status, 0);
    }

    private void next(String token) {
        if (!running.get()) {
            stopped.countDown();
            return;
        }
        attempt(token, UUID.randomUUID().toString(), price.addAndGet(1 + (int) (Math.random() * 3)), 1);
    }

    private void attempt(String token, String key, int amount, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(bids).timeout(Duration.ofSeconds(8))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"auctionId\":\"" + auctionId + "\",\"amount\":" + amount + "}"))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            try {
                answered(token, key, amount, attempt, response, failure);
            } catch (RuntimeException e) {
                statuses.merge(-2, 1, Integer::sum); // a bug here must not silently end this bidder
                CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS).execute(() -> next(token));
            }
        });
    }

    private void answered(String token, String key, int amount, int attempt, HttpResponse<String> response,
            Throwable failure) {
        int status = failure != null ? -1 : response.statusCode();
        statuses.merge(status, 1, Integer::sum);
        timeline.add(new long[] {System.nanoTime(), status});
        if (status == 201) {
            Matcher id = BID_ID.matcher(response.body());
            if (id.find()) {
                accepted.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(id.group(1));
            }
        }
        if ((status == -1 || RETRY.contains(status)) && attempt < MAX_ATTEMPTS) {
            // the same key again: the engine answers a repeat with the bid it already took, or decides it now
            CompletableFuture.delayedExecutor(PAUSE.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> attempt(token, key, amount, attempt + 1));
            return;
        }
        if (status == -1 || RETRY.contains(status)) {
            unanswered.add(key);
        }
        CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS).execute(() -> next(token));
    }

    /** Stops placing new bids and waits for every bid in flight to get its final answer. */
    @Override
    public void close() {
        running.set(false);
        try {
            if (!stopped.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("bids still in flight after two minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
