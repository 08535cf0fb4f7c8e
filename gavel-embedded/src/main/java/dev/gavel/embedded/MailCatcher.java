package dev.gavel.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * A local mail catcher, like Mailpit or MailHog: a real SMTP server (GreenMail) that keeps every mail, and on a second
 * port a web inbox ({@code /}) and the JSON API of CONTRACT §2b: {@code GET /api/messages?to=<email>} lists the mails
 * to that address, newest first, as {@code [{ id, from, to, subject, text, html, receivedAt }]}.
 * <p>
 * {@code ./run} starts one for every service's mail; tests start one and read what the services really sent.
 */
public final class MailCatcher implements AutoCloseable {

    /** One caught mail. {@code to} are the envelope recipients; {@code text} and {@code html} may be null. */
    public record Message(String id, String from, List<String> to, String subject, String text, String html,
            Instant receivedAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** An idle client connection is closed after this, like postfix's {@code smtpd_timeout} (GreenMail's is 30 s). */
    private static final int CLIENT_SOCKET_TIMEOUT_MS = 300_000;

    private final GreenMail smtp;
    private final HttpServer http;
    private SmtpServer restarted;

    private MailCatcher(GreenMail smtp, HttpServer http) {
        this.smtp = smtp;
        this.http = http;
    }

    /**
     * Starts the SMTP server on {@code smtpPort} and the inbox on {@code httpPort} (0: any free port), on loopback.
     */
    public static MailCatcher start(int smtpPort, int httpPort) {
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort == 0 ? Ports.freePort() : smtpPort, "127.0.0.1",
                ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        smtp.getSmtp().setClientSocketTimeout(CLIENT_SOCKET_TIMEOUT_MS);
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
            MailCatcher catcher = new MailCatcher(smtp, http);
            http.createContext("/api/messages", catcher::api);
            http.createContext("/", catcher::page);
            http.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread thread = new Thread(r, "mail-catcher-http");
                thread.setDaemon(true);
                return thread;
            }));
            http.start();
            return catcher;
        } catch (IOException e) {
            smtp.stop();
            throw new UncheckedIOException("the mail catcher's inbox did not start", e);
        }
    }

    /**
     * Stops accepting mail, as an SMTP server that is down: connections are refused (and open ones closed) until
     * {@link #startSmtp()}. The mails caught so far stay.
     */
    public synchronized void stopSmtp() {
        (restarted != null ? restarted : smtp.getSmtp()).stopService();
    }

    /** Accepts mail again on the same port after {@link #stopSmtp()}, into the same inboxes. */
    public synchronized void startSmtp() {
        SmtpServer server = new SmtpServer(smtp.getSmtp().getServerSetup(), smtp.getManagers());
        server.setClientSocketTimeout(CLIENT_SOCKET_TIMEOUT_MS);
        server.startService();
        try {
            if (!server.waitTillRunning(10_000)) {
                throw new IllegalStateException("the mail catcher's SMTP server did not start again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        restarted = server;
    }

    public int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    public int httpPort() {
        return http.getAddress().getPort();
    }

    /** The web inbox (and base of the JSON API). */
    public String inboxUrl() {
        return "http://localhost:" + httpPort();
    }

    /** Every caught mail to {@code to} (any address when null), newest first. */
    public List<Message> messages(String to) {
        Map<String, Message> byId = new LinkedHashMap<>();
        for (GreenMailUser user : smtp.getUserManager().listUser()) {
            List<StoredMessage> inbox;
            try {
                inbox = smtp.getManagers().getImapHostManager().getInbox(user).getMessages();
            } catch (Exception e) {
                continue; // a mailbox being created right now
            }
            for (StoredMessage stored : inbox) {
                Message message = read(stored, user.getEmail());
                byId.merge(message.id(), message, (a, b) -> {
                    List<String> recipients = new ArrayList<>(a.to());
                    b.to().stream().filter(r -> !recipients.contains(r)).forEach(recipients::add);
                    return new Message(a.id(), a.from(), recipients, a.subject(), a.text(), a.html(), a.receivedAt());
                });
            }
        }
        String wanted = to == null ? null : to.trim().toLowerCase(Locale.ROOT);
        return byId.values().stream()
                .filter(m -> wanted == null || m.to().contains(wanted))
                .sorted(Comparator.comparing(Message::receivedAt).reversed())
                .toList();
    }

    private static Message read(StoredMessage stored, String recipient) {
        MimeMessage mime = stored.getMimeMessage();
        try {
            String messageId = Optional.ofNullable(mime.getMessageID()).orElse(recipient + "/" + stored.getUid());
            String id = java.util.UUID.nameUUIDFromBytes(messageId.getBytes(StandardCharsets.UTF_8)).toString();
            Address[] from = mime.getFrom();
            Bodies bodies = new Bodies();
            bodies.collect(mime);
            return new Message(id, from == null || from.length == 0 ? null : from[0].toString(),
                    List.of(recipient.toLowerCase(Locale.ROOT)), mime.getSubject(), bodies.text, bodies.html,
                    stored.getReceivedDate().toInstant());
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("a caught mail cannot be read", e);
        }
    }

    /** The first text/plain and text/html parts of a mail. */
    private static final class Bodies {
        String text;
        String html;

        void collect(Part part) throws MessagingException, IOException {
            if (part.isMimeType("text/plain") && text == null) {
                text = String.valueOf(part.getContent());
            } else if (part.isMimeType("text/html") && html == null) {
                html = String.valueOf(part.getContent());
            } else if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    collect(multipart.getBodyPart(i));
                }
            }
        }
    }

    private void api(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String to = query(exchange, "to");
            respond(exchange, 200, "application/json", JSON.writeValueAsBytes(messages(to)));
        }
    }

    private void page(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/messages/")) {
                String id = path.substring("/messages/".length());
                Optional<Message> message = messages(null).stream().filter(m -> m.id().equals(id)).findFirst();
                if (message.isEmpty()) {
                    respond(exchange, 404, "text/plain; charset=utf-8", "no such mail".getBytes(StandardCharsets.UTF_8));
                } else {
                    respond(exchange, 200, "text/html; charset=utf-8", InboxPages.message(message.get()));
                }
            } else if (path.equals("/")) {
                respond(exchange, 200, "text/html; charset=utf-8", InboxPages.list(messages(query(exchange, "to"))));
            } else {
                respond(exchange, 404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static String query(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public synchronized void close() {
        http.stop(0);
        if (restarted != null) {
            restarted.stopService();
        }
        smtp.stop();
    }
}
