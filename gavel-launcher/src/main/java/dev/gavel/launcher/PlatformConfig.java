package dev.gavel.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where Gavel runs: the data directory, the repository with the built services, and every port.
 *
 * @param home          data directory (PostgreSQL, Kafka, keys, media, logs); kept between runs
 * @param repository    the repository root, where {@code <service>/target/quarkus-app/quarkus-run.jar} are built
 * @param gatewayPort   the local API gateway
 * @param smtpPort      the mail catcher's SMTP server (0: any free port)
 * @param mailPort      the mail catcher's web inbox and JSON API (0: any free port)
 * @param servicePorts  each service's HTTP port
 * @param javaOptions   JVM options of each service process
 */
public record PlatformConfig(Path home, Path repository, int gatewayPort, int postgresPort, int kafkaPort,
        int kafkaControllerPort, int smtpPort, int mailPort, Map<String, Integer> servicePorts, List<String> javaOptions,
        Map<String, String> extraEnvironment) {

    /**
     * On one machine every user comes from 127.0.0.1: registrations per client address are not limited to a
     * production handful (the limit per e-mail stays).
     */
    public static final Map<String, String> ONE_MACHINE = Map.of("GAVEL_USER_ABUSE_LIMITS_PER_CLIENT", "100000");

    /** The defaults of {@code ./run}, overridable by environment variables. */
    public static PlatformConfig fromEnvironment(Path repository, Map<String, String> env) {
        Path home = Path.of(env.getOrDefault("GAVEL_HOME", repository.resolve(".gavel").toString())).toAbsolutePath();
        Map<String, Integer> ports = new LinkedHashMap<>();
        ServiceSpec.ALL.forEach(s -> ports.put(s.name(), s.defaultPort()));
        List<String> javaOptions = List.of(env.getOrDefault("GAVEL_JAVA_OPTS", "-Xmx384m -XX:+UseSerialGC").trim().split("\\s+"));
        Map<String, String> extra = new LinkedHashMap<>();
        // a developer's machine: Swagger UI and the OpenAPI document of each service (off in production)
        extra.put("GAVEL_API_DOCS", env.getOrDefault("GAVEL_API_DOCS", "true"));
        extra.putAll(ONE_MACHINE);
        if (env.containsKey("GAVEL_OTLP_ENDPOINT")) {
            // traces of every service to an OpenTelemetry collector (off unless asked for)
            extra.put("QUARKUS_OTEL_SDK_DISABLED", "false");
            extra.put("GAVEL_OTLP_ENDPOINT", env.get("GAVEL_OTLP_ENDPOINT"));
        }
        if (env.containsKey("GAVEL_ADMIN_EMAILS")) {
            extra.put("GAVEL_USER_ADMIN_EMAILS", env.get("GAVEL_ADMIN_EMAILS"));
        }
        return new PlatformConfig(home, repository.toAbsolutePath(),
                Integer.parseInt(env.getOrDefault("GAVEL_PORT", "8080")),
                Integer.parseInt(env.getOrDefault("GAVEL_PG_PORT", "15432")),
                Integer.parseInt(env.getOrDefault("GAVEL_KAFKA_PORT", "19092")),
                Integer.parseInt(env.getOrDefault("GAVEL_KAFKA_CONTROLLER_PORT", "19093")),
                Integer.parseInt(env.getOrDefault("GAVEL_SMTP_PORT", "1025")),
                Integer.parseInt(env.getOrDefault("GAVEL_MAIL_PORT", "8025")),
                ports, javaOptions, extra);
    }

    public int port(String service) {
        return servicePorts.get(service);
    }

    public Path logs() {
        return home.resolve("logs");
    }
}
