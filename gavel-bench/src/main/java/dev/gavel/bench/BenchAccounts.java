package dev.gavel.bench;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's users, signed up as people are: register, follow the verification link from the platform's mail
 * catcher, sign in again (bidding needs a verified address).
 */
public final class BenchAccounts {

    private static final Pattern LINK = Pattern.compile("verify-email\\?token=([A-Za-z0-9_%-]+)");
    private static volatile String mailInbox;

    private BenchAccounts() {
    }

    /** The platform's mail catcher, where the verification mails arrive. */
    public static void useMailbox(String inboxUrl) {
        mailInbox = inboxUrl;
    }

    /** A verified user of the user-service at {@code base}; returns an access token that says so. */
    public static String signUp(String base, String name) throws Exception {
        String email = "%s-%s@bench.test".formatted(name, UUID.randomUUID());
        BiddingBenchmark.post(base + "/api/auth/register", null, """
                {"email":"%s","password":"a long bench password","displayName":"%s","accountType":"INDIVIDUAL"}"""
                .formatted(email, name));
        String token = mailedToken(email);
        BiddingBenchmark.post(base + "/api/auth/verify-email", null, "{\"token\":\"" + token + "\"}");
        return BiddingBenchmark.post(base + "/api/auth/login", null, """
                {"email":"%s","password":"a long bench password"}""".formatted(email)).get("accessToken").asText();
    }

    private static String mailedToken(String email) throws Exception {
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> mails = Report.HTTP.send(HttpRequest.newBuilder(URI.create(mailInbox
                    + "/api/messages?to=" + URLEncoder.encode(email, StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher link = LINK.matcher(mails.body());
            if (link.find()) {
                return URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no verification mail for " + email);
    }
}
