package dev.gavel.common.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A client's network address, kept only as a keyed hash (HMAC-SHA256 with {@code gavel.privacy.address-key}, a secret
 * every service that compares addresses shares): equal addresses give equal hashes, and without the key nobody can
 * test a guessed address against one (a plain hash of an IPv4 address is reversed by trying all 2^32). Without a key
 * no address is kept at all. The address is the peer's, or the {@code X-Forwarded-For} of a trusted proxy
 * ({@code quarkus.http.proxy.*}, set for every service in gavel-common).
 */
@ApplicationScoped
public class ClientAddresses {

    private final SecretKeySpec key;
    /**
     * One keyed MAC per thread: looking the algorithm up and keying it for every request was 2.6 % of bidding-service's
     * CPU in a bid storm (gavel-bench BiddingBenchmark, JFR profile in docs/benchmarks.md). A MAC resets after each use.
     */
    private final ThreadLocal<Mac> macs;

    public ClientAddresses(@ConfigProperty(name = "gavel.privacy.address-key") Optional<String> key) {
        this.key = key.filter(k -> !k.isBlank())
                .map(k -> new SecretKeySpec(k.getBytes(StandardCharsets.UTF_8), "HmacSHA256")).orElse(null);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The request's client address, hashed; null without a key or an address. */
    public String hashOf(HttpServerRequest request) {
        SocketAddress address = request == null ? null : request.remoteAddress();
        return address == null ? null : hash(address.hostAddress());
    }

    /** The address, hashed (32 hex digits: the first half of the HMAC); null without a key or an address. */
    public String hash(String address) {
        if (key == null || address == null || address.isBlank()) {
            return null;
        }
        byte[] digest = macs.get().doFinal(address.trim().toLowerCase(java.util.Locale.ROOT)
                .getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }
}
