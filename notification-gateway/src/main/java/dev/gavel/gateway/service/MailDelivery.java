package dev.gavel.gateway.service;

import dev.gavel.common.mail.SmtpSender;
import dev.gavel.gateway.Notification;
import dev.gavel.gateway.config.GatewayConfig;
import dev.gavel.gateway.repository.KnowledgeRepository;
import dev.gavel.gateway.repository.MailJobRepository;
import dev.gavel.gateway.repository.NotificationRepository;
import dev.gavel.outbox.Backoff;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sends queued notification mails: HTML and text from templates, with the auction's link and a signed one-click
 * unsubscribe (RFC 8058 {@code List-Unsubscribe} and {@code List-Unsubscribe-Post}). Each round claims due mails with
 * {@code SKIP LOCKED} inside one transaction, sends each, and marks it sent, or schedules a retry with exponential
 * backoff with jitter while the SMTP server is away (at most an hour). A mail is marked sent in the transaction that
 * held its row, so replicas never send one twice; a crash between the SMTP server's acceptance and the commit could
 * (at-least-once).
 */
@ApplicationScoped
public class MailDelivery {

    private static final Logger LOG = Logger.getLogger(MailDelivery.class);
    private static final int BATCH = 20;
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);

    @CheckedTemplate(basePath = "NotificationMails")
    static class Templates {
        static native TemplateInstance html(String greeting, Notification n, String auctionUrl, String unsubscribeUrl);

        static native TemplateInstance text(String greeting, Notification n, String auctionUrl, String unsubscribeUrl);
    }

    private final MailJobRepository jobs;
    private final NotificationRepository notifications;
    private final KnowledgeRepository knowledge;
    private final UnsubscribeLinks unsubscribe;
    private final SmtpSender sender;
    private final GatewayConfig config;
    private final Clock clock;
    private final Backoff backoff;

    public MailDelivery(MailJobRepository jobs, NotificationRepository notifications, KnowledgeRepository knowledge,
            UnsubscribeLinks unsubscribe, SmtpSender sender, GatewayConfig config, Clock clock) {
        this.jobs = jobs;
        this.notifications = notifications;
        this.knowledge = knowledge;
        this.unsubscribe = unsubscribe;
        this.sender = sender;
        this.config = config;
        this.backoff = new Backoff(config.mail().firstRetry(), LONGEST_WAIT);
        this.clock = clock;
    }

    @Scheduled(every = "${gavel.gateway.mail.delivery-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void deliverOnSchedule() {
        deliver();
    }

    /** One round, on one SMTP connection opened for the first mail to send; how many mails went out. */
    @Transactional
    public int deliver() {
        Instant now = clock.instant();
        List<UUID> due = jobs.claimDue(now, BATCH);
        int sent = 0;
        SmtpSender.Connection smtp = null;
        MessagingException unreachable = null;
        try {
            for (UUID id : due) {
                Notification n = notifications.findById(id);
                var recipient = n == null ? null
                        : knowledge.recipient(n.userId).filter(r -> r.emailVerified()).orElse(null);
                if (recipient == null) {
                    jobs.sent(id, now); // nobody to send to any more: nothing to retry
                    continue;
                }
                if (unreachable != null) {
                    retryLater(id, now, unreachable); // one connection attempt per round, not one per mail
                    continue;
                }
                try {
                    if (smtp == null) {
                        try {
                            smtp = sender.open();
                        } catch (MessagingException e) {
                            unreachable = e;
                            throw e;
                        }
                    }
                    send(smtp, n, recipient);
                    jobs.sent(id, now);
                    sent++;
                } catch (MessagingException | RuntimeException e) {
                    retryLater(id, now, e);
                }
            }
        } finally {
            if (smtp != null) {
                smtp.close();
            }
        }
        return sent;
    }

    private void retryLater(UUID id, Instant now, Exception e) {
        int attempts = jobs.attempts(id);
        Duration wait = Duration.ofMillis(backoff.delayMillis(attempts + 1));
        LOG.warnf("mail for notification %s not sent (attempt %d), retrying in %s: %s", id, attempts + 1, wait,
                e.toString());
        jobs.failed(id, now.plus(wait), e.toString());
    }

    private void send(SmtpSender.Connection smtp, Notification n, KnowledgeRepository.Recipient to)
            throws MessagingException {
        String kind = NotificationRules.MAIL_OF.get(n.type);
        String auctionUrl = n.auctionId == null ? config.mail().publicUrl()
                : config.mail().publicUrl() + "/auctions/" + n.auctionId;
        String unsubscribeUrl = unsubscribe.link(n.userId, kind);
        String greeting = "Hello " + to.displayName() + ",";
        smtp.send(to.email(), n.title, Templates.html(greeting, n, auctionUrl, unsubscribeUrl).render(),
                Templates.text(greeting, n, auctionUrl, unsubscribeUrl).render(),
                Map.of("List-Unsubscribe", "<" + unsubscribeUrl + ">",
                        "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
    }
}
