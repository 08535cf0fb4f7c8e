package dev.gavel.launcher;

import dev.gavel.embedded.JwtKeys;
import dev.gavel.embedded.KafkaBroker;
import dev.gavel.embedded.MailCatcher;
import dev.gavel.embedded.Ports;
import dev.gavel.embedded.PostgresServer;
import dev.gavel.events.Topics;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole of Gavel on one machine: embedded PostgreSQL (one database per service), a Kafka broker, generated JWT
 * keys, the five services as separate JVMs configured only through environment variables (as in production), and
 * the API gateway. Used by {@code ./run} and by the system test.
 */
public final class Platform implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    private final PlatformConfig config;
    private final PrintStream out;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private MailCatcher mail;
    private final List<ServiceProcess> services = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ApiGateway gateway;
    private JwtKeys keys;
    private volatile boolean closed;

    private Platform(PlatformConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /** Starts everything, or stops what it started and throws {@link PlatformException} saying what failed. */
    public static Platform start(PlatformConfig config, PrintStream out) {
        Platform platform = new Platform(config, out);
        // whoever embeds the platform (./run, a benchmark, the system tests) and is stopped by a signal leaves no
        // service, broker or database running behind it
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "gavel-platform-close"));
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startAll() {
        checkPortsFree();
        Path home = config.home();
        out.println("Gavel: data in " + home);
        out.println("Gavel: starting PostgreSQL on port " + config.postgresPort() + " ...");
        postgres = PostgresServer.start(home.resolve("postgres"), config.postgresPort());
        for (ServiceSpec spec : ServiceSpec.ALL) {
            if (spec.database() != null) {
                postgres.createDatabaseIfMissing(spec.database());
            }
        }
        out.println("Gavel: starting Kafka on port " + config.kafkaPort() + " ...");
        kafka = KafkaBroker.start(home.resolve("kafka"), config.kafkaPort(), config.kafkaControllerPort());
        kafka.createTopics(Topics.ALL, 3);
        keys = JwtKeys.ensure(home.resolve("keys"));
        mail = MailCatcher.start(config.smtpPort(), config.mailPort());
        out.println("Gavel: mail catcher: SMTP on port " + mail.smtpPort() + ", inbox " + mail.inboxUrl());

        for (ServiceSpec spec : ServiceSpec.ALL) {
            int port = config.port(spec.name());
            Path jar = config.repository().resolve(spec.name()).resolve("target/quarkus-app/quarkus-run.jar");
            out.println("Gavel: starting " + spec.name() + " on port " + port + " (log: "
                    + config.logs().resolve(spec.name() + ".log") + ")");
            services.add(ServiceProcess.start(spec.name(), port, jar, config.javaOptions(), environment(spec, keys),
                    config.logs().resolve(spec.name() + ".log")));
        }
        for (ServiceProcess service : services) {
            service.awaitReady(READY_TIMEOUT);
        }
        gateway = ApiGateway.start(config.gatewayPort(), config.servicePorts());
    }

    /**
     * Starts one more replica of a service on another port, configured like the first (for scale-out checks).
     * It is stopped with the platform.
     */
    public synchronized ServiceProcess startReplica(String service, int port) {
        ServiceSpec spec = ServiceSpec.named(service);
        Map<String, String> env = environment(spec, keys);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        Path jar = config.repository().resolve(spec.name()).resolve("target/quarkus-app/quarkus-run.jar");
        ServiceProcess replica = ServiceProcess.start(spec.name(), port, jar, config.javaOptions(), env,
                config.logs().resolve(spec.name() + "-" + port + ".log"));
        services.add(replica);
        replica.awaitReady(READY_TIMEOUT);
        return replica;
    }

    /** Stops the first instance of a service (SIGTERM), as an operator or a crash would. */
    public synchronized void stopService(String service) {
        services.stream().filter(s -> s.name().equals(service) && s.port() == config.port(service))
                .findFirst().ifPresent(s -> {
                    s.close();
                    services.remove(s);
                });
    }

    /** Starts the first instance of a service again, after {@link #stopService}. */
    public synchronized void startService(String service) {
        ServiceSpec spec = ServiceSpec.named(service);
        Path jar = config.repository().resolve(spec.name()).resolve("target/quarkus-app/quarkus-run.jar");
        ServiceProcess process = ServiceProcess.start(spec.name(), config.port(service), jar, config.javaOptions(),
                environment(spec, keys), config.logs().resolve(spec.name() + ".log"));
        services.add(process);
        process.awaitReady(READY_TIMEOUT);
    }

    /** The configuration of one service, exactly as a container would get it: environment variables. */
    private Map<String, String> environment(ServiceSpec spec, JwtKeys keys) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(config.port(spec.name())));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        if (spec.database() != null) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(spec.database()));
            env.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
            env.put("QUARKUS_DATASOURCE_PASSWORD", PostgresServer.PASSWORD);
        }
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("GAVEL_JWT_PUBLIC_KEY_LOCATION", "file:" + keys.publicKey().toAbsolutePath());
        if (spec.name().equals("user-service")) {
            env.put("GAVEL_JWT_PRIVATE_KEY_LOCATION", "file:" + keys.privateKey().toAbsolutePath());
            env.put("GAVEL_USER_MFA_ENCRYPTION_KEY", localSecret("mfa-encryption.key"));
            // every mail goes to the local catcher; its links lead to pages on the gateway's origin
            env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
            env.put("QUARKUS_MAILER_PORT", String.valueOf(mail.smtpPort()));
            env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
            env.put("GAVEL_USER_EMAIL_VERIFICATION_LINK", "http://localhost:" + config.gatewayPort() + "/verify-email");
            env.put("GAVEL_USER_PASSWORD_RESET_LINK", "http://localhost:" + config.gatewayPort() + "/reset-password");
        }
        if (spec.name().equals("media-service")) {
            env.put("GAVEL_MEDIA_STORAGE_DIR", config.home().resolve("media").toString());
        }
        if (spec.name().equals("auction-service")) {
            env.put("QUARKUS_REST_CLIENT_MEDIA_URL", "http://127.0.0.1:" + config.port("media-service"));
        }
        if (spec.name().equals("notification-gateway")) {
            env.put("QUARKUS_REST_CLIENT_BIDDING_URL", "http://127.0.0.1:" + config.port("bidding-service"));
            env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
            env.put("QUARKUS_MAILER_PORT", String.valueOf(mail.smtpPort()));
            env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
            env.put("GAVEL_GATEWAY_MAIL_PUBLIC_URL", "http://localhost:" + config.gatewayPort());
            env.put("GAVEL_GATEWAY_MAIL_UNSUBSCRIBE_KEY", localSecret("unsubscribe.key"));
        }
        if (spec.name().equals("web-app")) {
            // the API page links each service's Swagger UI (./run turns the API docs on)
            StringBuilder links = new StringBuilder();
            for (ServiceSpec other : ServiceSpec.ALL) {
                if (!other.name().equals("web-app")) {
                    links.append(links.isEmpty() ? "" : ",").append(other.name()).append("=http://localhost:")
                            .append(config.port(other.name())).append("/q/swagger-ui");
                }
            }
            env.put("GAVEL_WEB_API_DOCS", links.toString());
        }
        if (spec.name().equals("payment-service")) {
            // the local platform pays through the sandbox (no money moves outside Gavel)
            env.put("GAVEL_PAYMENT_SANDBOX_ENABLED", "true");
            env.put("GAVEL_PAYMENT_SANDBOX_WEBHOOK_SECRET", localSecret("sandbox-webhook.key"));
            env.put("GAVEL_PAYMENT_STRIPE_RETURN_URL", "http://localhost:" + config.gatewayPort() + "/orders");
        }
        env.putAll(config.extraEnvironment());
        return env;
    }

    /** A local secret (32 random bytes, Base64), made once and kept with the other keys. */
    private String localSecret(String name) {
        java.nio.file.Path file = config.home().resolve("keys").resolve(name);
        try {
            if (!java.nio.file.Files.exists(file)) {
                byte[] key = new byte[32];
                new java.security.SecureRandom().nextBytes(key);
                java.nio.file.Files.createDirectories(file.getParent());
                java.nio.file.Files.writeString(file, java.util.Base64.getEncoder().encodeToString(key));
            }
            return java.nio.file.Files.readString(file).trim();
        } catch (java.io.IOException e) {
            throw new PlatformException("cannot make the secret " + file + ": " + e.getMessage());
        }
    }

    private void checkPortsFree() {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put("the API gateway (GAVEL_PORT)", config.gatewayPort());
        wanted.put("PostgreSQL (GAVEL_PG_PORT)", config.postgresPort());
        wanted.put("Kafka (GAVEL_KAFKA_PORT)", config.kafkaPort());
        wanted.put("the Kafka controller (GAVEL_KAFKA_CONTROLLER_PORT)", config.kafkaControllerPort());
        if (config.smtpPort() != 0) {
            wanted.put("the mail catcher's SMTP server (GAVEL_SMTP_PORT)", config.smtpPort());
        }
        if (config.mailPort() != 0) {
            wanted.put("the mail catcher's inbox (GAVEL_MAIL_PORT)", config.mailPort());
        }
        config.servicePorts().forEach((service, port) -> wanted.put(service, port));
        List<String> busy = new ArrayList<>();
        wanted.forEach((what, port) -> {
            if (Ports.inUse(port)) {
                busy.add("port " + port + " for " + what);
            }
        });
        if (!busy.isEmpty()) {
            throw new PlatformException("Gavel cannot start: already in use: " + String.join("; ", busy)
                    + ". Stop whatever uses it (another ./run?) or choose other ports (see ./run --help).");
        }
    }

    public String gatewayUrl() {
        return "http://localhost:" + gateway.port();
    }

    /** The mail catcher's web inbox; its JSON API is {@code /api/messages?to=}. */
    public String mailInboxUrl() {
        return mail.inboxUrl();
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    /** A service that died after start while the platform is meant to run, if any. */
    public ServiceProcess deadService() {
        if (closed) {
            return null;
        }
        return services.stream().filter(s -> !s.isAlive()).findFirst().orElse(null);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Stops the gateway, the services (SIGTERM, then SIGKILL), Kafka and PostgreSQL, in that order. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (gateway != null) {
            gateway.close();
        }
        services.parallelStream().forEach(ServiceProcess::close);
        if (mail != null) {
            mail.close();
        }
        if (kafka != null) {
            try {
                kafka.close();
            } catch (RuntimeException e) {
                out.println("Gavel: Kafka did not stop cleanly: " + e.getMessage());
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
