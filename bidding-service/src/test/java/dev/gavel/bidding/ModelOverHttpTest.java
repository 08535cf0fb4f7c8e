package dev.gavel.bidding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gavel.bidding.model.Differences;
import dev.gavel.bidding.model.ReferenceAuction;
import dev.gavel.bidding.model.ReferenceAuction.Answer;
import dev.gavel.bidding.model.Scenario;
import dev.gavel.events.AuctionPublished;
import dev.gavel.events.AuctionType;
import dev.gavel.events.SoftClose;
import dev.gavel.testkit.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.gavel.bidding.model.Differences.money;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The reference model against the running engine, through HTTP and PostgreSQL: at least 20,000 random requests per
 * build on many auctions at once (each auction's requests one after the other, so the order is known), malformed
 * amounts among them. Every answer (status, code, price, minNextBid, bidCount, end) must be the model's, and at the
 * end of each auction its live state and its whole public bid log too. A failure prints its seed and the scenario
 * shrunk (re-run through HTTP on fresh auctions).
 */
@BiddingTest
class ModelOverHttpTest {

    static final int STEPS = Integer.getInteger("gavel.model.http-steps", 20_000);

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Signed once (RSA signing dominated the test's time): bidders and sellers are shared by the auctions. */
    private final String[] bidderTokens = new String[60];
    private final UUID[] sellers = new UUID[20];
    private final String[] sellerTokens = new String[sellers.length];

    @Test
    void theRunningEngineAgreesWithTheReferenceModel() throws Exception {
        for (int i = 0; i < bidderTokens.length; i++) {
            bidderTokens[i] = TestTokens.user(UUID.randomUUID(), "Bidder " + (i % Scenario.BIDDERS));
        }
        for (int i = 0; i < sellers.length; i++) {
            sellers[i] = UUID.randomUUID();
            sellerTokens[i] = TestTokens.user(sellers[i], "Seller");
        }
        long firstSeed = Long.getLong("gavel.model.seed", new Random().nextLong());
        List<Scenario> scenarios = new ArrayList<>();
        int steps = 0;
        for (long seed = firstSeed; steps < STEPS; seed++) {
            Scenario s = Scenario.random(seed, Scenario.Shape.HTTP);
            scenarios.add(s);
            steps += s.steps();
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            // every auction is published first: the engine takes them in while the first ones are bid on
            List<Run> runs = scenarios.stream().map(Run::new).toList();
            runs.forEach(Run::publish);
            List<Future<String>> failures = new ArrayList<>();
            for (Run run : runs) {
                failures.add(pool.submit(run::failure));
            }
            for (int i = 0; i < scenarios.size(); i++) {
                String failure = failures.get(i).get();
                if (failure != null) {
                    Scenario shrunk = scenarios.get(i).shrink(s -> new Run(s).published().failure() != null);
                    Run replay = new Run(shrunk).published();
                    fail("seed " + shrunk.seed() + " (rerun with -Dgavel.model.seed=" + shrunk.seed() + "): " + failure
                            + "\nshrunk to " + shrunk.steps() + " requests on " + shrunk.terms() + ":\n"
                            + replay.transcript() + "\n" + replay.failure());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(steps >= STEPS, steps + " requests");
    }

    /** One scenario on a fresh auction, through HTTP; the first disagreement ends it. */
    final class Run {
        private final Scenario scenario;
        private final ReferenceAuction model;
        private final ReferenceAuction.Terms terms;
        private final UUID auctionId = UUID.randomUUID();
        private final UUID seller;
        private final String sellerToken;
        private final String[] tokens = new String[Scenario.BIDDERS];
        private final Random malformed;
        private final List<ReferenceAuction.Placed> placed = new ArrayList<>();
        private final List<String> transcript = new ArrayList<>();
        private String failure;
        private boolean ran;

        Run(Scenario scenario) {
            this.scenario = scenario;
            // the auction's time is the engine's: it started a second ago and ends in two days
            Instant now = BiddingTestSupport.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as stored
            ReferenceAuction.Terms t = scenario.terms();
            this.terms = new ReferenceAuction.Terms(t.reverse(), t.start(), t.reserve(), t.buyNow(), t.fixedIncrement(),
                    now.minusSeconds(1), now.plus(Duration.between(t.startsAt(), t.endsAt())), t.softCloseWindow(),
                    t.softCloseExtension(), false);
            this.model = new ReferenceAuction(terms);
            this.malformed = new Random(scenario.seed());
            // bidder i of the scenario has the display name "Bidder i" (the live state shows the leader's name)
            int first = Math.floorMod(scenario.seed(), bidderTokens.length / Scenario.BIDDERS) * Scenario.BIDDERS;
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = bidderTokens[first + i];
            }
            int s = Math.floorMod(scenario.seed(), sellers.length);
            this.seller = sellers[s];
            this.sellerToken = sellerTokens[s];
        }

        String failure() {
            if (!ran) {
                ran = true;
                try {
                    failure = run();
                } catch (IOException | InterruptedException e) {
                    failure = "HTTP failed: " + e;
                }
            }
            return failure;
        }

        String transcript() {
            failure();
            return String.join("\n", transcript);
        }

        private String run() throws IOException, InterruptedException {
            await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(30))
                    .until(() -> get("/api/bids/auctions/" + auctionId + "/state").statusCode() == 200);
            for (Scenario.Batch batch : scenario.batches()) {
                for (Scenario.Step step : batch.steps()) {
                    String failed = send(step);
                    if (failed != null) {
                        return failed;
                    }
                }
            }
            return finalState();
        }

        Run published() {
            publish();
            return this;
        }

        /** The auction's terms, as auction-service publishes them (the engine has them moments later). */
        void publish() {
            BiddingTestSupport.publish(new AuctionPublished(UUID.randomUUID(), auctionId, seller, "Lot " + auctionId,
                    terms.reverse() ? AuctionType.REVERSE : AuctionType.FORWARD, "EUR", money(terms.start()),
                    money(terms.reserve()), money(terms.buyNow()), money(terms.fixedIncrement()),
                    terms.softCloseWindow() == null ? null : new SoftClose(terms.softCloseWindow().toString(),
                            terms.softCloseExtension().toString(), SoftClose.Mode.EXTEND),
                    terms.startsAt(), terms.endsAt(), terms.startsAt()));
        }

        private String send(Scenario.Step step) throws IOException, InterruptedException {
            String token = step.bidder() == ReferenceAuction.SELLER ? sellerToken : tokens[step.bidder()];
            Instant now = BiddingTestSupport.now();
            String request;
            String body;
            Answer expected;
            if (step.kind() == Scenario.Kind.BUY_NOW) {
                Long expectedPrice = step.amountPick() == 0 ? null : terms.buyNow() + (step.amountOffset() % 2);
                request = "buy-now by " + step.bidder() + " expecting " + money(expectedPrice);
                body = "{\"auctionId\":\"" + auctionId + "\""
                        + (expectedPrice == null ? "" : ",\"expectedPrice\":" + money(expectedPrice)) + "}";
                expected = model.buyNow(step.bidder(), expectedPrice, now);
            } else {
                long amount = Scenario.amount(step, model, terms);
                Long max = Scenario.max(step, amount, model, terms);
                String bad = malformed.nextInt(30) == 0 ? new String[] {"0", "-1.00", money(amount) + "1"}[malformed.nextInt(3)]
                        : null;
                String amountText = bad != null ? bad : money(amount).toPlainString();
                request = "bid by " + step.bidder() + " of " + amountText + (max == null ? "" : " max " + money(max));
                body = "{\"auctionId\":\"" + auctionId + "\",\"amount\":" + amountText
                        + (max == null ? "" : ",\"maxAmount\":" + money(max)) + "}";
                // a malformed amount is refused before anything else, and changes nothing
                expected = bad != null ? new Answer(400, "VALIDATION_FAILED", false, 0, 0, 0, null, null, false, List.of())
                        : model.bid(step.bidder(), amount, max, now);
            }
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(
                            step.kind() == Scenario.Kind.BUY_NOW ? "/api/bids/buy-now" : "/api/bids"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = BiddingTestSupport.MAPPER.readTree(response.body());
            transcript.add("  " + request + " -> model " + expected.status() + " " + (expected.accepted()
                    ? money(expected.price()) : expected.code()) + ", engine " + response.statusCode() + " " + answer);
            Differences differences = new Differences();
            differences.same("HTTP status", expected.status(), response.statusCode());
            if (!expected.accepted()) {
                differences.same("code", expected.code(), answer.path("code").asText());
                if ("BID_TOO_LOW".equals(expected.code())) {
                    differences.same("minNextBid", money(expected.minNext()), answer.path("minNextBid").decimalValue());
                }
            } else {
                placed.addAll(expected.placed());
                differences.same("status", expected.leading() ? "LEADING" : "OUTBID", answer.path("status").asText());
                differences.same("currentPrice", money(expected.price()), answer.path("currentPrice").decimalValue());
                if (step.kind() == Scenario.Kind.BID) {
                    differences.same("minNextBid", money(expected.minNext()), answer.path("minNextBid").decimalValue());
                }
                differences.same("bidCount", expected.bidCount(), answer.path("bidCount").asLong());
                differences.same("endsAt", expected.endsAt(), Instant.parse(answer.path("endsAt").asText()));
                differences.same("extended", expected.extended(), answer.path("extended").asBoolean());
            }
            return differences.of(request);
        }

        /** The auction's live state and its whole public log, against the model's. */
        private String finalState() throws IOException, InterruptedException {
            Differences differences = new Differences();
            JsonNode state = BiddingTestSupport.MAPPER.readTree(get("/api/bids/auctions/" + auctionId + "/state").body());
            differences.same("state's price", money(model.price()), state.path("currentPrice").decimalValue());
            differences.same("state's bidCount", model.bidCount(), state.path("bidCount").asLong());
            differences.same("state's leader", model.leader() == null ? "" : "Bidder " + model.leader(),
                    state.path("leadingBidder").path("displayName").asText(""));
            differences.same("state's status", model.open() ? "ACTIVE" : "CLOSED", state.path("status").asText());
            JsonNode log = BiddingTestSupport.MAPPER.readTree(get("/api/bids/auctions/" + auctionId + "/log").body());
            Map<Integer, String> pseudonyms = new HashMap<>();
            List<String> expectedLog = new ArrayList<>();
            for (ReferenceAuction.Placed p : placed) {
                String pseudonym = pseudonyms.computeIfAbsent(p.bidder(), b -> "bidder-" + (pseudonyms.size() + 1));
                expectedLog.add(pseudonym + " " + money(p.amount()) + (p.automatic() ? " auto" : ""));
            }
            List<String> actualLog = new ArrayList<>();
            log.path("entries").forEach(e -> actualLog.add(e.path("bidder").asText() + " "
                    + e.path("amount").decimalValue().setScale(2) + (e.path("automatic").asBoolean() ? " auto" : "")));
            differences.same("bid log", expectedLog, actualLog);
            return differences.of("at the end");
        }

        private HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }


}
