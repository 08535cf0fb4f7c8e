package dev.gavel.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

/**
 * Reads the mails a service really sent, from a mail catcher's JSON API ({@code GET /api/messages?to=}): the one of
 * {@link MailCatcherResource}, or any other (./run's, in system tests).
 */
public final class Mailbox {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String inboxUrl;

    public Mailbox(String inboxUrl) {
        this.inboxUrl = inboxUrl;
    }

    /** The mailbox of the test's {@link MailCatcherResource}. */
    public static Mailbox ofTestCatcher() {
        return new Mailbox(MailCatcherResource.inboxUrl());
    }

    /** Every mail to {@code email}, newest first. */
    public List<JsonNode> to(String email) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(inboxUrl + "/api/messages?to="
                    + URLEncoder.encode(email, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("mail catcher answered " + response.statusCode());
            }
            List<JsonNode> mails = new ArrayList<>();
            JSON.readTree(response.body()).forEach(mails::add);
            return mails;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the newest mail to {@code email} whose subject contains {@code subject}. */
    public JsonNode await(String email, String subject) {
        return awaitCount(email, m -> m.path("subject").asText().contains(subject), 1).get(0);
    }

    /** Waits until at least {@code count} mails to {@code email} match; returns the matching ones, newest first. */
    public List<JsonNode> awaitCount(String email, Predicate<JsonNode> match, int count) {
        List<List<JsonNode>> found = new ArrayList<>(List.of(List.of()));
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            found.set(0, to(email).stream().filter(match).toList());
            return found.get(0).size() >= count;
        });
        return found.get(0);
    }

    /** The first link in the mail's text that starts with {@code prefix}. */
    public static String link(JsonNode mail, String prefix) {
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "\\S*").matcher(mail.path("text").asText());
        if (!m.find()) {
            throw new AssertionError("no link " + prefix + " in: " + mail.path("text").asText());
        }
        return m.group();
    }

    /** The value of the query parameter {@code token} of a link. */
    public static String token(String link) {
        Matcher m = Pattern.compile("[?&]token=([^&\\s]+)").matcher(link);
        if (!m.find()) {
            throw new AssertionError("no token in " + link);
        }
        return java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }
}
