package dev.gavel.launcher;

import dev.gavel.embedded.JwtKeys;
import dev.gavel.embedded.KafkaBroker;
import dev.gavel.embedded.MailCatcher;
import dev.gavel.embedded.Ports;
import dev.gavel.embedded.PostgresServer;
import dev.gavel.embedded.TemporaryDirectories;
import dev.gavel.events.Topics;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole of Gavel on one machine: embedded PostgreSQL (one database per service), a Kafka broker, generated JWT
 * keys, the five services as separate JVMs configured only through environment variables (as in production), and
 * the API gateway. Used by {@code ./run} and by the system test.
 */
public final class Platform implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    private final PlatformConfig config;
    private final PrintStream out;
    private volatile PostgresServer postgres;
    private volatile KafkaBroker kafka;
    private MailCatcher mail;
    private final List<ServiceProcess> services = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ApiGateway gateway;
    private ServiceEnvironment environment;
    private Supervisor supervisor;
    private volatile boolean closed;
    private final boolean temporaryHome;

    private Platform(PlatformConfig config, PrintStream out, boolean temporaryHome) {
        this.config = config;
        this.out = out;
        this.temporaryHome = temporaryHome;
    }

    /** Starts everything, or stops what it started and throws {@link PlatformException} saying what failed. */
    public static Platform start(PlatformConfig config, PrintStream out) {
        return start(config, out, false);
    }

    /**
     * The same for a platform whose home is a throwaway directory (a benchmark's, a system test's): when it stops, or
     * fails to start, everything in the home but the services' logs is deleted: the database (a few GiB after a bid
     * storm), Kafka's log, the media and the JWT keys.
     */
    public static Platform startInTemporaryHome(PlatformConfig config, PrintStream out) {
        return start(config, out, true);
    }

    private static Platform start(PlatformConfig config, PrintStream out, boolean temporaryHome) {
        Platform platform = new Platform(config, out, temporaryHome);
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
        JwtKeys keys = JwtKeys.ensure(home.resolve("keys"));
        mail = MailCatcher.start(config.smtpPort(), config.mailPort());
        out.println("Gavel: mail catcher: SMTP on port " + mail.smtpPort() + ", inbox " + mail.inboxUrl());
        environment = new ServiceEnvironment(config, database -> postgres.jdbcUrl(database), kafka.bootstrapServers(),
                mail, keys);

        for (ServiceSpec spec : ServiceSpec.ALL) {
            Path log = config.logs().resolve(spec.name() + ".log");
            out.println("Gavel: starting " + spec.name() + " on port " + config.port(spec.name()) + " (log: " + log + ")");
            launch(spec, config.port(spec.name()), log);
        }
        for (ServiceProcess service : services) {
            service.awaitReady(READY_TIMEOUT);
        }
        gateway = ApiGateway.start(config.gatewayPort(), config.servicePorts());
        supervisor = Supervisor.start(this, out);
    }

    /**
     * Starts one more replica of a service on another port, configured like the first (for scale-out checks).
     * It is stopped with the platform.
     */
    public synchronized ServiceProcess startReplica(String service, int port) {
        ServiceProcess replica = launch(ServiceSpec.named(service), port,
                config.logs().resolve(service + "-" + port + ".log"));
        replica.awaitReady(READY_TIMEOUT);
        return replica;
    }

    /** Starts an instance of the service on the port, configured like every other, and counts it in (not yet ready). */
    private synchronized ServiceProcess launch(ServiceSpec spec, int port, Path log) {
        Map<String, String> env = environment.of(spec);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        Path jar = config.repository().resolve(spec.name()).resolve("target/quarkus-app/quarkus-run.jar");
        ServiceProcess process = ServiceProcess.start(spec.name(), port, jar, config.javaOptions(), env, log);
        services.add(process);
        return process;
    }

    /** The first instance of the service: the one on its configured port, which the gateway routes to. */
    private Optional<ServiceProcess> firstInstance(String service) {
        return services.stream().filter(s -> s.name().equals(service) && s.port() == config.port(service)).findFirst();
    }

    /** Stops the first instance of a service (SIGTERM), as an operator or a crash would. */
    public synchronized void stopService(String service) {
        firstInstance(service).ifPresent(this::stop);
    }

    /** Stops one instance (SIGTERM), as an operator would: the supervisor does not start it again. */
    public synchronized void stop(ServiceProcess instance) {
        services.remove(instance);
        instance.close();
    }

    /**
     * Kills the first instance of a service with SIGKILL, as a crash or the OOM killer would: the supervisor starts
     * it again. Returns the killed process id.
     */
    public synchronized long kill(String service) {
        ServiceProcess victim = firstInstance(service)
                .orElseThrow(() -> new PlatformException(service + " is not running"));
        victim.kill();
        return victim.pid();
    }

    /**
     * PostgreSQL goes away (stopped, every connection cut) for {@code downFor}, then starts again with its data, on
     * the same port, as a database restart or failover would look to the services.
     */
    public void restartPostgres(Duration downFor) {
        postgres.close();
        pause(downFor);
        postgres = PostgresServer.start(config.home().resolve("postgres"), config.postgresPort());
    }

    /** The Kafka broker goes away for {@code downFor} (stopped), then starts again with its data on the same ports. */
    public void restartKafka(Duration downFor) {
        kafka.close();
        pause(downFor);
        kafka = KafkaBroker.start(config.home().resolve("kafka"), config.kafkaPort(), config.kafkaControllerPort());
    }

    /** Starts the first instance of a service again, after {@link #stopService}. */
    public synchronized void startService(String service) {
        launch(ServiceSpec.named(service), config.port(service), config.logs().resolve(service + ".log"))
                .awaitReady(READY_TIMEOUT);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts a process that died in its place (same service, port and log) and waits until it is ready; used by
     * the {@link Supervisor}. Throws {@link PlatformException} when it does not come up.
     */
    ServiceProcess restart(ServiceProcess dead) {
        ServiceProcess process;
        synchronized (this) {
            if (closed || !services.remove(dead)) {
                return null;
            }
            process = launch(ServiceSpec.named(dead.name()), dead.port(), dead.log());
        }
        process.awaitReady(READY_TIMEOUT);
        return process;
    }

    /** The service the supervisor gave up on (it kept crashing), or null. */
    public ServiceProcess gaveUpOn() {
        return supervisor == null ? null : supervisor.gaveUpOn();
    }

    /** How many times the supervisor started a crashed instance of the service again. */
    public int restarts(String service) {
        return supervisor == null ? 0 : supervisor.restarts(service);
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

    /** The services that died while the platform is meant to run. */
    List<ServiceProcess> deadServices() {
        if (closed) {
            return List.of();
        }
        return services.stream().filter(s -> !s.isAlive()).toList();
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
        if (supervisor != null) {
            supervisor.close();
        }
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
        if (temporaryHome) {
            deleteAllButLogs();
        }
    }

    private void deleteAllButLogs() {
        try (var children = Files.list(config.home())) {
            children.filter(child -> !child.equals(config.logs())).forEach(child -> {
                if (!TemporaryDirectories.delete(child)) {
                    out.println("Gavel: could not delete all of " + child);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            out.println("Gavel: could not clean " + config.home() + ": " + e);
        }
    }
}
