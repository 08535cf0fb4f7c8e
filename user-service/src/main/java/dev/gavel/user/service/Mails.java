package dev.gavel.user.service;

import dev.gavel.common.persistence.AfterCommit;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The mails of user-service, HTML and plain text from Qute templates ({@code templates/Mails/}). A mail is queued in
 * the transaction that decided it ({@link MailDelivery} sends it after the commit and tries again while the SMTP
 * server is away): a rolled-back change sends nothing, an acknowledged one is not lost, and the answer does not wait
 * for the SMTP server.
 */
@ApplicationScoped
public class Mails {

    static final String PRODUCT = "Gavel";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance verifyEmail(String product, String name, String link, long hours);

        static native TemplateInstance passwordReset(String product, String name, String link, long minutes);

        static native TemplateInstance signInCode(String product, String name, String code, long minutes);
    }

    private final MailDelivery delivery;
    private final TransactionSynchronizationRegistry transactions;

    public Mails(MailDelivery delivery, TransactionSynchronizationRegistry transactions) {
        this.delivery = delivery;
        this.transactions = transactions;
    }

    /** {@code page?token=<token>}, the token URL-encoded. */
    static String link(String page, String token) {
        return page + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    void verifyEmail(String to, String name, String link, long hours) {
        queue("verification", to, "Verify your e-mail for " + PRODUCT, Templates.verifyEmail(PRODUCT, name, link, hours));
    }

    void passwordReset(String to, String name, String link, long minutes) {
        queue("password-reset", to, "Reset your " + PRODUCT + " password",
                Templates.passwordReset(PRODUCT, name, link, minutes));
    }

    void signInCode(String to, String name, String code, long minutes) {
        queue("sign-in-code", to, "Your " + PRODUCT + " sign-in code", Templates.signInCode(PRODUCT, name, code, minutes));
    }

    private void queue(String kind, String to, String subject, TemplateInstance template) {
        delivery.queue(kind, to, subject, render(template, "text/html"), render(template, "text/plain"));
        AfterCommit.run(transactions, delivery::wake);
    }

    @SuppressWarnings("unchecked")
    private static String render(TemplateInstance template, String contentType) {
        Variant variant = ((List<Variant>) template.getAttribute(TemplateInstance.VARIANTS)).stream()
                .filter(v -> contentType.equals(v.getContentType())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + contentType + " variant of a mail template"));
        return template.setAttribute(TemplateInstance.SELECTED_VARIANT, variant).render();
    }
}
