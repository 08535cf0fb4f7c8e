package dev.gavel.launcher;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;

/** {@code ./run}: starts the whole platform, or {@code ./run watch <auctionId>} prints an auction's live frames. */
public final class Gavel {

    static final String HELP = """
            Usage: ./run [--help] [watch <auctionId>] [verify <auctionId>] [replay <dead-letter topic> [client.properties]]

              ./run                  build what is missing or stale, then start Gavel: embedded PostgreSQL and Kafka,
                                     the five services (each its own JVM) and the API gateway. Ctrl-C stops it all.
              ./run watch <id>       print the live frames of one auction (WebSocket /ws/auctions/<id>) until it closes.
              ./run verify <id>      recompute the auction's tamper-evident bid log and say which entry breaks, if any.
              ./run replay <topic>   put the records of a dead-letter topic (<consumer>.<topic>.dlq) back on their
                                     topic after a fix; the local broker, or the cluster a Kafka client properties
                                     file names (bootstrap.servers, security settings). See docs/operations.md.
              ./run --help           this text.

            Environment variables:
              GAVEL_HOME                   data directory (default: .gavel in the repository); kept between runs
              GAVEL_PORT                   port of the API gateway (default 8080)
              GAVEL_PG_PORT                port of the embedded PostgreSQL (default 15432)
              GAVEL_KAFKA_PORT             port of the Kafka broker (default 19092)
              GAVEL_KAFKA_CONTROLLER_PORT  port of the KRaft controller (default 19093)
              GAVEL_SMTP_PORT              SMTP port of the mail catcher (default 1025)
              GAVEL_MAIL_PORT              web inbox and JSON API of the mail catcher (default 8025)
              GAVEL_JAVA_OPTS              JVM options of each service (default -Xmx384m -XX:+UseSerialGC)
              GAVEL_ADMIN_EMAILS           comma-separated e-mails that get the ADMIN role once verified
              GAVEL_OTLP_ENDPOINT          send every service's traces to this OTLP collector (e.g. http://localhost:4317);
                                           tracing is off without it
            Services listen on 8081 (user), 8082 (auction), 8083 (bidding), 8084 (media), 8085 (notification-gateway), 8086 (payment), 8087 (web-app);
            logs go to $GAVEL_HOME/logs/<service>.log.
            """;

    private Gavel() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.print(HELP);
            return;
        }
        Map<String, String> env = System.getenv();
        Path repository = Path.of(System.getProperty("gavel.repository", ".")).toAbsolutePath().normalize();
        PlatformConfig config = PlatformConfig.fromEnvironment(repository, env);
        if (args.length > 0 && args[0].equals("watch")) {
            if (args.length != 2) {
                System.err.println("usage: ./run watch <auctionId>");
                System.exit(2);
            }
            System.exit(watch(config.gatewayPort(), args[1], out));
        }
        if (args.length > 0 && args[0].equals("verify")) {
            if (args.length != 2) {
                System.err.println("usage: ./run verify <auctionId>");
                System.exit(2);
            }
            System.exit(LogVerifier.run(config.gatewayPort(), args[1], out));
        }
        if (args.length > 0 && args[0].equals("replay")) {
            if (args.length < 2 || args.length > 3) {
                System.err.println("usage: ./run replay <consumer>.<topic>.dlq [client.properties]");
                System.exit(2);
            }
            java.util.Properties client = new java.util.Properties();
            if (args.length == 3) {
                try (var in = java.nio.file.Files.newBufferedReader(Path.of(args[2]))) {
                    client.load(in);
                }
            } else {
                client.put("bootstrap.servers", "127.0.0.1:" + config.kafkaPort());
            }
            DeadLetterReplay.replay(client, args[1], out);
            return;
        }
        if (args.length > 0) {
            System.err.println("unknown argument: " + args[0] + "\n\n" + HELP);
            System.exit(2);
        }

        Platform platform;
        try {
            platform = Platform.start(config, out);
        } catch (PlatformException e) {
            System.err.println("\nGavel did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("\nGavel: stopping ...");
            platform.close();
            out.println("Gavel: stopped.");
            stopped.countDown();
        }, "gavel-shutdown"));

        out.println();
        out.println("Gavel is up: " + platform.gatewayUrl());
        out.println("  mail (every mail the services send): " + platform.mailInboxUrl());
        for (ServiceProcess service : platform.services()) {
            out.printf("  %-21s http://localhost:%d/q/swagger-ui   (health: http://localhost:%d/q/health)%n",
                    service.name(), service.port(), service.port());
        }
        out.println("Press Ctrl-C to stop.");

        // the platform's supervisor restarts a service that dies; one that keeps crashing takes the platform down
        while (stopped.getCount() > 0 && !platform.isClosed()) {
            ServiceProcess given = platform.gaveUpOn();
            if (given != null && !platform.isClosed()) {
                System.err.println("\nGavel: " + given.name() + " keeps crashing; stopping." + given.logTail());
                System.exit(1);
            }
            Thread.sleep(1000);
        }
    }

    /** Prints the frames of one auction's live feed; returns 0 when the server closes it normally. */
    static int watch(int gatewayPort, String auctionId, PrintStream out) throws Exception {
        URI uri = URI.create("ws://localhost:" + gatewayPort + "/ws/auctions/" + auctionId);
        CompletableFuture<Integer> done = new CompletableFuture<>();
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    out.println(text);
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                out.println("-- closed: " + code + (reason.isEmpty() ? "" : " " + reason));
                done.complete(code == WebSocket.NORMAL_CLOSURE ? 0 : 1);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                System.err.println("-- error: " + error.getMessage());
                done.complete(1);
            }
        }).exceptionally(e -> {
            System.err.println("cannot connect to " + uri + ": " + e.getMessage() + " (is ./run running?)");
            done.complete(1);
            return null;
        });
        return done.get();
    }
}
