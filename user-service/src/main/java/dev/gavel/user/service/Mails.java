package dev.gavel.user.service;

import dev.gavel.common.persistence.AfterCommit;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The mails of user-service, HTML and plain text from Qute templates ({@code templates/Mails/}). A mail goes out
 * after the commit of the transaction that decided it, off the request thread: a rolled-back change sends nothing,
 * and the answer does not wait for the SMTP server.
 */
@ApplicationScoped
public class Mails {

    private static final Logger LOG = Logger.getLogger(Mails.class);
    static final String PRODUCT = "Gavel";

    @CheckedTemplate
    static class Templates {
        static native MailTemplateInstance verifyEmail(String product, String name, String link, long hours);

        static native MailTemplateInstance passwordReset(String product, String name, String link, long minutes);

        static native MailTemplateInstance signInCode(String product, String name, String code, long minutes);
    }

    private final TransactionSynchronizationRegistry transactions;

    public Mails(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /** {@code page?token=<token>}, the token URL-encoded. */
    static String link(String page, String token) {
        return page + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    void verifyEmail(String to, String name, String link, long hours) {
        send(Templates.verifyEmail(PRODUCT, name, link, hours).to(to).subject("Verify your e-mail for " + PRODUCT),
                "verification");
    }

    void passwordReset(String to, String name, String link, long minutes) {
        send(Templates.passwordReset(PRODUCT, name, link, minutes).to(to).subject("Reset your " + PRODUCT + " password"),
                "password-reset");
    }

    void signInCode(String to, String name, String code, long minutes) {
        send(Templates.signInCode(PRODUCT, name, code, minutes).to(to).subject("Your " + PRODUCT + " sign-in code"),
                "sign-in code");
    }

    private void send(MailTemplateInstance mail, String kind) {
        // tried again twice: a pooled SMTP connection the server closed while idle fails the first send (seen as
        // "421 ... socket timeout" in the system test), and the next attempt opens a fresh one
        AfterCommit.run(transactions, () -> mail.send()
                .onFailure().invoke(failure -> LOG.infof("%s mail not sent yet, trying again: %s", kind, failure))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5)).atMost(2)
                .subscribe().with(sent -> { },
                        failure -> LOG.warnf("%s mail not sent: %s", kind, failure.toString())));
    }
}
