package dev.gavel.common.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Sends mails over SMTP with Jakarta Mail, one connection per round of sending, with connect, read and
 * write timeouts. Configured by the {@code quarkus.mailer.*} settings operators already set (host, port, from,
 * username, password, start-tls, tls, timeout, mock).
 * <p>
 * Not the Vert.x mail client behind quarkus-mailer: in this project's CI and benchmarks its sends sometimes never
 * completed (after QUIT without a pool, and on a pooled connection after a while idle: vert-x3/vertx-mail-client#222
 * describes pooled connections kept past their keep-alive timeout), and each hung send held a pool slot for good.
 */
@ApplicationScoped
public class SmtpSender {

    private static final Logger LOG = Logger.getLogger(SmtpSender.class);

    /** One SMTP connection, for the mails of one round. */
    public interface Connection extends AutoCloseable {
        default void send(String to, String subject, String html, String text) throws MessagingException {
            send(to, subject, html, text, Map.of());
        }

        /** Sends one mail, HTML and plain text, with extra {@code headers} (such as {@code List-Unsubscribe}). */
        void send(String to, String subject, String html, String text, Map<String, String> headers)
                throws MessagingException;

        @Override
        void close();
    }

    private final Session session;
    private final InternetAddress from;
    private final Optional<String> username;
    private final Optional<String> password;
    private final boolean mock;

    public SmtpSender(@ConfigProperty(name = "quarkus.mailer.host", defaultValue = "localhost") String host,
            @ConfigProperty(name = "quarkus.mailer.port") Optional<Integer> port,
            @ConfigProperty(name = "quarkus.mailer.from") String from,
            @ConfigProperty(name = "quarkus.mailer.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.mailer.password") Optional<String> password,
            @ConfigProperty(name = "quarkus.mailer.start-tls", defaultValue = "OPTIONAL") String startTls,
            @ConfigProperty(name = "quarkus.mailer.tls", defaultValue = "false") boolean tls,
            @ConfigProperty(name = "quarkus.mailer.timeout", defaultValue = "15s") Duration timeout,
            @ConfigProperty(name = "quarkus.mailer.mock", defaultValue = "false") boolean mock) throws Exception {
        Properties p = new Properties();
        String protocol = tls ? "smtps" : "smtp";
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", host);
        p.put("mail." + protocol + ".port", String.valueOf(port.orElse(tls ? 465 : 25)));
        String millis = String.valueOf(timeout.toMillis());
        p.put("mail." + protocol + ".connectiontimeout", millis);
        p.put("mail." + protocol + ".timeout", millis);
        p.put("mail." + protocol + ".writetimeout", millis);
        p.put("mail." + protocol + ".auth", String.valueOf(username.isPresent()));
        p.put("mail." + protocol + ".starttls.enable", String.valueOf(!"DISABLED".equalsIgnoreCase(startTls)));
        p.put("mail." + protocol + ".starttls.required", String.valueOf("REQUIRED".equalsIgnoreCase(startTls)));
        this.session = Session.getInstance(p);
        this.from = new InternetAddress(from, true);
        this.username = username;
        this.password = password;
        this.mock = mock;
    }

    /** Connects to the SMTP server (or, mocked in dev mode, to the log). */
    public Connection open() throws MessagingException {
        if (mock) {
            return new Connection() {
                @Override
                public void send(String to, String subject, String html, String text, Map<String, String> headers) {
                    LOG.infof("mail to %s (mock, not sent): %s%n%s", to, subject, text);
                }

                @Override
                public void close() {
                }
            };
        }
        Transport transport = session.getTransport();
        transport.connect(username.orElse(null), password.orElse(null));
        return new Connection() {
            @Override
            public void send(String to, String subject, String html, String text, Map<String, String> headers)
                    throws MessagingException {
                MimeMessage message = new MimeMessage(session);
                for (Map.Entry<String, String> header : headers.entrySet()) {
                    message.setHeader(header.getKey(), header.getValue());
                }
                message.setFrom(from);
                message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
                message.setSubject(subject, StandardCharsets.UTF_8.name());
                message.setSentDate(new Date());
                MimeBodyPart plain = new MimeBodyPart();
                plain.setText(text, StandardCharsets.UTF_8.name(), "plain");
                MimeBodyPart rich = new MimeBodyPart();
                rich.setText(html, StandardCharsets.UTF_8.name(), "html");
                message.setContent(new MimeMultipart("alternative", plain, rich));
                message.saveChanges();
                transport.sendMessage(message, message.getAllRecipients());
            }

            @Override
            public void close() {
                try {
                    transport.close();
                } catch (MessagingException e) {
                    LOG.debugf("closing the SMTP connection: %s", e.toString());
                }
            }
        };
    }
}
