package dev.gavel.testkit;

import dev.gavel.embedded.JwtKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * A fresh RS256 key pair for the test run: the service verifies tokens with the public key, {@link TestTokens} (and
 * user-service) sign with the private key. Without a key every request of a service fails, so every service's
 * tests use this resource.
 */
public class JwtKeysResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            JwtKeys keys = JwtKeys.ensure(Files.createTempDirectory("gavel-jwt"));
            return Map.of(
                    "gavel.jwt.public-key-location", "file:" + keys.publicKey().toAbsolutePath(),
                    "gavel.jwt.private-key-location", "file:" + keys.privateKey().toAbsolutePath(),
                    "smallrye.jwt.sign.key.location", "file:" + keys.privateKey().toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
