package dev.gavel.user.service;

import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The public signing key(s), published as a JWK set. The key id ({@code kid}) is the key's RFC 7638 thumbprint, so a
 * rotated key gets a new id by itself. During a rotation the previous public key is published too
 * ({@code gavel.jwt.previous-public-key-location}), so tokens signed before the switch stay verifiable until they
 * expire.
 */
@ApplicationScoped
public class SigningKeys {

    private final String keyId;
    private final String jwks;

    @Inject
    public SigningKeys(@ConfigProperty(name = "mp.jwt.verify.publickey.location") String publicKeyLocation,
            @ConfigProperty(name = "gavel.jwt.previous-public-key-location") Optional<String> previousKeyLocation) {
        List<JsonWebKey> keys = new ArrayList<>();
        PublicJsonWebKey current = jwk(publicKeyLocation);
        keys.add(current);
        previousKeyLocation.filter(l -> !l.isBlank()).map(SigningKeys::jwk).ifPresent(keys::add);
        this.keyId = current.getKeyId();
        this.jwks = new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    public String keyId() {
        return keyId;
    }

    /** The JWK set as JSON. */
    public String jwks() {
        return jwks;
    }

    private static PublicJsonWebKey jwk(String location) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(KeyUtils.decodePublicKey(readPem(location)));
            jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
            jwk.setUse("sig");
            jwk.setAlgorithm("RS256");
            return jwk;
        } catch (GeneralSecurityException | JoseException e) {
            throw new IllegalStateException("the JWT public key at " + location + " is not an RSA key", e);
        }
    }

    static String readPem(String location) {
        try {
            Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
            return Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("the JWT public key cannot be read from " + location, e);
        }
    }
}
