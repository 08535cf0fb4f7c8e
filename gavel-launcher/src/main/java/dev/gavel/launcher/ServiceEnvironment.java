package dev.gavel.launcher;

import dev.gavel.embedded.JwtKeys;
import dev.gavel.embedded.MailCatcher;
import dev.gavel.embedded.PostgresServer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** What each service is told at start, exactly as a container would be: environment variables only. */
final class ServiceEnvironment {

    private final PlatformConfig config;
    private final Function<String, String> jdbcUrl;
    private final String kafkaBootstrapServers;
    private final MailCatcher mail;
    private final JwtKeys keys;

    /** @param jdbcUrl the JDBC URL of a database on the platform's PostgreSQL (which may have been restarted) */
    ServiceEnvironment(PlatformConfig config, Function<String, String> jdbcUrl, String kafkaBootstrapServers,
            MailCatcher mail, JwtKeys keys) {
        this.config = config;
        this.jdbcUrl = jdbcUrl;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.mail = mail;
        this.keys = keys;
    }

    /** The configuration of one service, exactly as a container would get it: environment variables. */
    Map<String, String> of(ServiceSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(config.port(spec.name())));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        if (spec.database() != null) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl.apply(spec.database()));
            env.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
            env.put("QUARKUS_DATASOURCE_PASSWORD", PostgresServer.PASSWORD);
        }
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
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
        if (spec.name().equals("auction-service") || spec.name().equals("bidding-service")) {
            // both hash client addresses with it, so that the shill signals can compare a seller's and a bidder's
            env.put("GAVEL_PRIVACY_ADDRESS_KEY", localSecret("address.key"));
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

}
