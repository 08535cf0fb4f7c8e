package dev.gavel.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code ./run verify <auctionId>}: fetches an auction's public bid log through the gateway and recomputes its chain
 * from the format written in docs/api.md, independently of the engine's code, saying which entry breaks.
 */
public final class LogVerifier {

    /** How many entries were checked, and the sequence of the first broken one (-1: none). */
    public record Result(int entries, long brokenAt) {
    }

    private LogVerifier() {
    }

    public static Result verify(String logJson, PrintStream out) {
        JsonObject log = new JsonObject(logJson);
        String auctionId = log.getString("auctionId");
        JsonArray entries = log.getJsonArray("entries");
        String prev = "0".repeat(64);
        for (int i = 0; i < entries.size(); i++) {
            JsonObject e = entries.getJsonObject(i);
            String amount = new BigDecimal(String.valueOf(e.getValue("amount"))).setScale(2, RoundingMode.UNNECESSARY)
                    .toPlainString();
            String canonical = String.join("|", auctionId, String.valueOf(e.getLong("sequence")), e.getString("bidId"),
                    amount, String.valueOf(e.getBoolean("automatic")), e.getString("placedAt"), e.getString("bidder"));
            String hash = sha256Hex(prev + "\n" + canonical);
            boolean ok = prev.equals(e.getString("prevHash")) && hash.equals(e.getString("hash"));
            out.println("entry " + e.getLong("sequence") + (ok ? " ok" : " BROKEN: the log was changed here"));
            if (!ok) {
                return new Result(i + 1, e.getLong("sequence"));
            }
            prev = e.getString("hash");
        }
        boolean headOk = entries.isEmpty() || prev.equals(log.getString("head"));
        out.println(headOk ? "the chain holds: " + entries.size() + " entries, head " + log.getString("head")
                : "BROKEN: the head does not match the last entry");
        return new Result(entries.size(), headOk ? -1 : entries.size());
    }

    /** Fetches and verifies; the process exit code: 0 intact, 1 broken or not fetched. */
    public static int run(int gatewayPort, String auctionId, PrintStream out) throws Exception {
        URI uri = URI.create("http://localhost:" + gatewayPort + "/api/bids/auctions/" + auctionId + "/log");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            System.err.println(uri + " answered " + response.statusCode() + ": " + response.body());
            return 1;
        }
        return verify(response.body(), out).brokenAt() < 0 ? 0 : 1;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
