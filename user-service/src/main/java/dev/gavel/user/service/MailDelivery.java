package dev.gavel.user.service;

import dev.gavel.common.mail.SmtpSender;
import dev.gavel.outbox.Backoff;
import dev.gavel.user.OutgoingMail;
import dev.gavel.user.repository.OutgoingMailRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends queued mails ({@code outgoing_mail}), oldest first: right after the commit that queued one, and every second
 * for those due again. Each round locks due mails with {@code SKIP LOCKED}, so replicas never send one twice (a crash
 * between the server's acceptance and the commit could: at-least-once). A sent mail is deleted, since it carries a
 * link or a code; a failed one is tried again with exponential backoff with jitter (up to 1 s doubling, at most 10 minutes), unless a
 * newer mail of its kind to the same address was queued meanwhile (whose link replaced its link), and given up after
 * {@link #GIVE_UP}.
 * <p>
 * This replaced sending from memory after the commit: in CI, a send on a pooled SMTP connection the server had closed
 * failed, and its retry never completed; the mail was lost. The mails go out over {@link SmtpSender}.
 */
@ApplicationScoped
public class MailDelivery {

    private static final Logger LOG = Logger.getLogger(MailDelivery.class);
    private static final int BATCH = 20;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(10);
    private static final Backoff BACKOFF = new Backoff(FIRST_RETRY, LONGEST_WAIT);
    static final Duration GIVE_UP = Duration.ofHours(24);

    private final OutgoingMailRepository outbox;
    private final SmtpSender sender;
    private final ManagedExecutor executor;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final Clock clock;

    public MailDelivery(OutgoingMailRepository outbox, SmtpSender sender, Clock clock) {
        this.outbox = outbox;
        this.sender = sender;
        this.clock = clock;
        // one round at a time, with no context of the waking thread: its (committed) transaction must not follow
        this.executor = ManagedExecutor.builder().maxAsync(1).propagated(ThreadContext.NONE)
                .cleared(ThreadContext.ALL_REMAINING).build();
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }

    /** Queues a mail in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void queue(String kind, String to, String subject, String html, String text) {
        OutgoingMail mail = new OutgoingMail();
        mail.id = UUID.randomUUID();
        mail.kind = kind;
        mail.recipient = to;
        mail.subject = subject;
        mail.html = html;
        mail.text = text;
        mail.createdAt = clock.instant();
        mail.nextAttemptAt = mail.createdAt;
        outbox.persist(mail);
    }

    /** Starts a round now, off the caller's thread (called after the commit that queued a mail). */
    void wake() {
        executor.runAsync(this::deliverLogged);
    }

    @Scheduled(every = "${gavel.user.mail.delivery-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void deliverOnSchedule() {
        deliverLogged();
    }

    /**
     * One round at a time on this replica, so that mails go out in the order they were queued: a wake-up that comes
     * while a round runs makes it run once more (the running round may have claimed before that mail committed).
     */
    private void deliverLogged() {
        again.set(true);
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            while (again.getAndSet(false)) {
                try {
                    deliver();
                } catch (RuntimeException e) {
                    LOG.warnf("mail round failed, the next one tries again: %s", e.toString());
                }
            }
        } finally {
            running.set(false);
        }
        if (again.get()) {
            deliverLogged(); // woken between the last round and the release
        }
    }

    /** One round on one SMTP connection; how many mails the server accepted. */
    @Transactional
    public int deliver() {
        Instant now = clock.instant();
        List<OutgoingMail> due = outbox.claimDue(now, BATCH);
        if (due.isEmpty()) {
            return 0;
        }
        int sent = 0;
        try (SmtpSender.Connection smtp = sender.open()) {
            for (OutgoingMail mail : due) {
                try {
                    smtp.send(mail.recipient, mail.subject, mail.html, mail.text);
                    outbox.delete(mail);
                    sent++;
                } catch (MessagingException | RuntimeException e) {
                    retryOrDrop(mail, now, e);
                }
            }
        } catch (MessagingException unreachable) {
            due.forEach(mail -> retryOrDrop(mail, now, unreachable));
        }
        return sent;
    }

    private void retryOrDrop(OutgoingMail mail, Instant now, Exception failure) {
        if (outbox.supersededBy(mail) || !mail.createdAt.plus(GIVE_UP).isAfter(now)) {
            LOG.warnf("%s mail %s not sent after %d attempts, dropped (%s): %s", mail.kind, mail.id, mail.attempts + 1,
                    outbox.supersededBy(mail) ? "a newer one replaces it" : "too old", failure.toString());
            outbox.delete(mail);
            return;
        }
        Duration wait = Duration.ofMillis(BACKOFF.delayMillis(mail.attempts + 1));
        mail.attempts++;
        mail.nextAttemptAt = now.plus(wait);
        String error = failure.toString();
        mail.lastError = error.length() > 500 ? error.substring(0, 500) : error;
        LOG.infof("%s mail %s not sent (attempt %d), trying again in %s: %s", mail.kind, mail.id, mail.attempts, wait,
                error);
    }
}
