package dev.gavel.gateway.service;

import dev.gavel.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;

/**
 * Signed one-click unsubscribe links (RFC 8058): {@code user}, {@code kind} and an HMAC-SHA256 over both with the key
 * {@code gavel.gateway.mail.unsubscribe-key}. Whoever holds the link may turn that one preference off, nothing else.
 */
@ApplicationScoped
public class UnsubscribeLinks {

    private final byte[] key;
    private final String baseUrl;

    public UnsubscribeLinks(GatewayConfig config) {
        this.key = config.mail().unsubscribeKey().getBytes(StandardCharsets.UTF_8);
        this.baseUrl = config.mail().publicUrl();
    }

    public String link(UUID userId, String kind) {
        return baseUrl + "/api/notifications/unsubscribe?user=" + userId + "&kind=" + kind + "&sig="
                + signature(userId, kind);
    }

    public boolean valid(UUID userId, String kind, String signature) {
        return signature != null && MessageDigest.isEqual(signature(userId, kind).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(UUID userId, String kind) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal((userId + "|" + kind).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
