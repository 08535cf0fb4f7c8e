package dev.gavel.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mails sent over real SMTP are kept and shown by the JSON API and the web inbox. */
class MailCatcherTest {

    static void send(int port, String to, String subject, String text, String html) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(port));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("Gavel <no-reply@gavel.dev>"));
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(subject);
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setContent(html, "text/html; charset=UTF-8");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(rich);
        message.setContent(alternative);
        Transport.send(message);
    }

    @Test
    void keepsEveryMailAndListsThemPerRecipientNewestFirst() throws Exception {
        try (MailCatcher catcher = MailCatcher.start(0, 0)) {
            send(catcher.smtpPort(), "Ann@Example.com", "Verify your e-mail", "open https://x/verify?token=1",
                    "<p>Open <a href=\"https://x/verify?token=1\">this link</a><script>alert(1)</script></p>");
            send(catcher.smtpPort(), "ann@example.com", "Second", "two", "<b>two</b>");
            send(catcher.smtpPort(), "bob@example.com", "For Bob", "bob", "<i>bob</i>");

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(catcher.inboxUrl()
                    + "/api/messages?to=ann%40example.com")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
            JsonNode mails = new ObjectMapper().readTree(response.body());
            assertEquals(2, mails.size(), response.body());
            assertEquals("Second", mails.get(0).get("subject").asText(), "newest first");
            JsonNode first = mails.get(1);
            assertEquals("ann@example.com", first.get("to").get(0).asText());
            assertTrue(first.get("from").asText().contains("no-reply@gavel.dev"));
            assertTrue(first.get("text").asText().contains("https://x/verify?token=1"));
            assertTrue(first.get("html").asText().contains("<a href=\"https://x/verify?token=1\">"));
            assertFalse(first.get("receivedAt").asText().isBlank());
            assertFalse(first.get("id").asText().isBlank());

            String inbox = http.send(HttpRequest.newBuilder(URI.create(catcher.inboxUrl() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(inbox.contains("Verify your e-mail") && inbox.contains("For Bob"), inbox);
            String page = http.send(HttpRequest.newBuilder(URI.create(catcher.inboxUrl() + "/messages/"
                    + first.get("id").asText())).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(page.contains("sandbox=") && !page.contains("<script>"), "the mail is shown inert: " + page);
        }
    }
}
