package dev.gavel.system;

import dev.gavel.embedded.Ports;
import dev.gavel.launcher.Platform;
import dev.gavel.launcher.PlatformConfig;
import dev.gavel.launcher.ServiceSpec;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the real platform once for all system tests (throw-away data directory, free ports) and stops it when the
 * test run ends.
 */
public final class GavelPlatformExtension implements BeforeAllCallback {

    private static Platform platform;
    private static PlatformConfig config;

    @Override
    public void beforeAll(ExtensionContext context) {
        start(context);
    }

    /** The running platform. */
    public static synchronized Platform platform() {
        return platform;
    }

    /** Points RestAssured at the running platform's API gateway. */
    public static void restAssuredThroughGateway() {
        io.restassured.RestAssured.baseURI = "http://localhost";
        io.restassured.RestAssured.port = config().gatewayPort();
    }

    /** The configuration of the running platform (ports, data directory). */
    public static synchronized PlatformConfig config() {
        return config;
    }

    /** The address that becomes ADMIN once verified (as GAVEL_ADMIN_EMAILS does for ./run). */
    public static final String ADMIN_EMAIL = "admin@system-test.gavel";

    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(PlatformConfig.ONE_MACHINE);
        env.put("GAVEL_USER_ADMIN_EMAILS", ADMIN_EMAIL);
        // bcrypt at its minimum cost (production: 12): the system tests sign many people up and in
        env.put("GAVEL_USER_PASSWORD_COST", "4");
        return env;
    }

    private static synchronized PlatformConfig start(ExtensionContext context) {
        if (platform == null) {
            try {
                Map<String, Integer> ports = new LinkedHashMap<>();
                ServiceSpec.ALL.forEach(s -> ports.put(s.name(), Ports.freePort()));
                Path repository = Path.of(System.getProperty("gavel.repository", "..")).toAbsolutePath().normalize();
                config = new PlatformConfig(Files.createTempDirectory("gavel-system-test"), repository,
                        Ports.freePort(), Ports.freePort(), Ports.freePort(), Ports.freePort(), 0, 0, ports,
                        // C1 only: seven services start at once on CI's two cores, and live for minutes
                        List.of("-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), environment());
                platform = Platform.startInTemporaryHome(config, System.out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .put("gavel-platform", platform);
        }
        return config;
    }
}
