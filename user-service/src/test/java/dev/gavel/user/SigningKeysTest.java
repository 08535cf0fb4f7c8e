package dev.gavel.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gavel.embedded.JwtKeys;
import dev.gavel.user.service.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** During a key rotation the JWKS publishes the new key (whose kid signs) and the previous one. */
class SigningKeysTest {

    @TempDir
    Path dir;

    @Test
    void theJwksHoldsTheCurrentAndThePreviousKey() throws Exception {
        JwtKeys current = JwtKeys.ensure(dir.resolve("current"));
        JwtKeys previous = JwtKeys.ensure(dir.resolve("previous"));
        SigningKeys keys = new SigningKeys("file:" + current.publicKey(), Optional.of("file:" + previous.publicKey()));
        JsonNode jwks = new ObjectMapper().readTree(keys.jwks());
        assertEquals(2, jwks.get("keys").size());
        assertEquals(keys.keyId(), jwks.get("keys").get(0).get("kid").asText());
        assertNotEquals(keys.keyId(), jwks.get("keys").get(1).get("kid").asText());
        SigningKeys single = new SigningKeys("file:" + current.publicKey(), Optional.empty());
        assertEquals(1, new ObjectMapper().readTree(single.jwks()).get("keys").size());
        assertEquals(keys.keyId(), single.keyId(), "the kid is the key's thumbprint");
    }
}
