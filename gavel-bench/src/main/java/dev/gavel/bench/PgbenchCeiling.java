package dev.gavel.bench;

import dev.gavel.embedded.PostgresServer;
import dev.gavel.launcher.PlatformConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own ceiling for a lock per bid, the yardstick of {@link BiddingBenchmark}: pgbench runs the engine's
 * per-bid work (SELECT … FOR UPDATE + INSERT + UPDATE + outbox INSERT, fsync on) against one hot row or many.
 */
final class PgbenchCeiling {

    private PgbenchCeiling() {
    }

    /** pgbench with each number of clients in turn, 10 s each; the best is the ceiling. */
    static Map<String, Double> best(PlatformConfig config, int rows, List<Integer> clientCounts) throws Exception {
        Map<String, Double> best = null;
        for (int clients : clientCounts) {
            Map<String, Double> run = pgbench(config, rows, clients, 10);
            if (best == null || run.get("tps") > best.get("tps")) {
                best = run;
            }
        }
        return best;
    }

    private static Map<String, Double> pgbench(PlatformConfig config, int rows, int clients, int seconds) throws Exception {
        String url = "jdbc:postgresql://localhost:" + config.postgresPort() + "/postgres";
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_auction, bench_bid, bench_outbox");
            s.execute("CREATE TABLE bench_auction (id INT PRIMARY KEY, price NUMERIC(14,2) NOT NULL, seq BIGINT NOT NULL)");
            s.execute("CREATE TABLE bench_bid (id BIGSERIAL PRIMARY KEY, auction_id INT NOT NULL, amount NUMERIC(14,2), placed_at TIMESTAMPTZ)");
            s.execute("CREATE TABLE bench_outbox (id BIGSERIAL PRIMARY KEY, topic TEXT, record_key TEXT, payload TEXT)");
            s.execute("INSERT INTO bench_auction SELECT g, 1, 0 FROM generate_series(1, " + rows + ") g");
        }
        Path script = Files.createTempFile("bid", ".sql");
        Files.writeString(script, """
                \\set aid random(1, %d)
                BEGIN;
                SELECT price, seq FROM bench_auction WHERE id = :aid FOR UPDATE;
                INSERT INTO bench_bid (auction_id, amount, placed_at) VALUES (:aid, 2.00, now());
                UPDATE bench_auction SET price = price + 1, seq = seq + 1 WHERE id = :aid;
                INSERT INTO bench_outbox (topic, record_key, payload) VALUES ('bid-placed', :aid::text, '{"amount":2.00}');
                END;
                """.formatted(rows));
        Process p = new ProcessBuilder("pgbench", "-h", "localhost", "-p", String.valueOf(config.postgresPort()),
                "-U", PostgresServer.USER, "-n", "-c", String.valueOf(clients), "-j", "2", "-T", String.valueOf(seconds),
                "-f", script.toString(), "postgres")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Map<String, Double> result = new LinkedHashMap<>();
        result.put("tps", number(out, "tps = ([0-9.]+)"));
        result.put("latency", number(out, "latency average = ([0-9.]+) ms"));
        result.put("clients", (double) clients);
        System.out.printf("pgbench, %d row(s), %d clients: %.0f tps, %.1f ms average%n", rows, clients, result.get("tps"),
                result.get("latency"));
        return result;
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("pgbench said: " + text);
        }
        return Double.parseDouble(m.group(1));
    }
}
