package dev.gavel.user.service;

import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.security.PublicKey;

/**
 * The public half of the signing key, published as a JWK set. The key id ({@code kid}) is the key's RFC 7638
 * thumbprint, so a rotated key gets a new id by itself.
 */
@ApplicationScoped
public class SigningKeys {

    private final String keyId;
    private final String jwks;

    public SigningKeys(@ConfigProperty(name = "mp.jwt.verify.publickey.location") String publicKeyLocation) {
        try {
            PublicKey publicKey = KeyUtils.decodePublicKey(readPem(publicKeyLocation));
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(publicKey);
            this.keyId = jwk.calculateBase64urlEncodedThumbprint("SHA-256");
            jwk.setKeyId(keyId);
            jwk.setUse("sig");
            jwk.setAlgorithm("RS256");
            this.jwks = new JsonWebKeySet(jwk).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (GeneralSecurityException | JoseException e) {
            throw new IllegalStateException("the JWT public key at " + publicKeyLocation + " is not an RSA key", e);
        }
    }

    public String keyId() {
        return keyId;
    }

    /** The JWK set as JSON. */
    public String jwks() {
        return jwks;
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
