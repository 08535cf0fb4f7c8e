package dev.gavel.payment.provider;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The sandbox's webhook signature (pure, table-tested in WebhookSignatureTest), the scheme real providers use:
 * {@code Gavel-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 over "<t>.<body>">}. A call is accepted only with a
 * matching signature (compared in constant time) and a timestamp within the tolerance of now, so a recorded call
 * cannot be replayed later.
 */
public final class WebhookSignature {

    public static final String HEADER = "Gavel-Signature";

    private WebhookSignature() {
    }

    public static String sign(String secret, Instant at, String body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + hmac(secret, t + "." + body);
    }

    /** @throws WebhookRejected when the header is missing, malformed, wrong or too old (or too far ahead) */
    public static void verify(String secret, String header, String body, Instant now, Duration tolerance) {
        if (header == null || header.isBlank()) {
            throw new WebhookRejected("no " + HEADER + " header");
        }
        Long t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                try {
                    t = Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    throw new WebhookRejected("a malformed timestamp");
                }
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                v1 = kv[1];
            }
        }
        if (t == null || v1 == null) {
            throw new WebhookRejected("a signature header without t= and v1=");
        }
        String expected = hmac(secret, t + "." + body);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), v1.getBytes(StandardCharsets.US_ASCII))) {
            throw new WebhookRejected("the signature does not match");
        }
        if (Duration.between(Instant.ofEpochSecond(t), now).abs().compareTo(tolerance) > 0) {
            throw new WebhookRejected("the timestamp is outside the tolerance of " + tolerance);
        }
    }

    private static String hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
