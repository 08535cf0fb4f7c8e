package dev.gavel.user;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * A local OpenID Connect issuer for tests: its own RSA key, its JWKS served over HTTP on loopback, and ID tokens signed
 * with it. Configured into user-service as provider {@code test}; nothing calls the internet.
 */
public class OidcIssuerResource implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://issuer.gavel.test";
    public static final String CLIENT_ID = "gavel-test-client";
    static final KeyPair KEY = rsa();
    static final KeyPair STRANGER = rsa();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = ("{\"keys\":[" + jwk((RSAPublicKey) KEY.getPublic(), "issuer-key-1") + "]}")
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
        String prefix = "gavel.user.oidc.test.";
        return Map.of(prefix + "name", "Test issuer", prefix + "issuer", ISSUER, prefix + "client-id", CLIENT_ID,
                prefix + "jwks-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The claims of a valid ID token of this issuer for {@code subject}, to adjust before signing. */
    static JwtClaimsBuilder claims(String subject, String email, boolean emailVerified) {
        return Jwt.issuer(ISSUER).subject(subject).audience(CLIENT_ID).claim("email", email)
                .claim("email_verified", emailVerified).claim("name", "Olivia Ide")
                .issuedAt(Instant.now()).expiresIn(Duration.ofMinutes(5));
    }

    static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId("issuer-key-1").sign(KEY.getPrivate());
    }

    /** Signed by a key the issuer never published. */
    static String signWithUnknownKey(JwtClaimsBuilder claims) {
        return claims.jws().keyId("stolen-key").sign(STRANGER.getPrivate());
    }

    private static String jwk(RSAPublicKey key, String kid) {
        return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
                + unsigned(key.getModulus()) + "\",\"e\":\"" + unsigned(key.getPublicExponent()) + "\"}";
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
