package dev.gavel.user.service;

import dev.gavel.common.error.DomainException;
import dev.gavel.common.persistence.AfterCommit;
import dev.gavel.user.PasswordResetToken;
import dev.gavel.user.User;
import dev.gavel.user.config.UserConfig;
import dev.gavel.user.repository.PasswordResetTokenRepository;
import dev.gavel.user.repository.UserRepository;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Password reset by e-mail: a single-use token, valid for at most an hour, stored only as a hash. The request is
 * answered the same whether the e-mail is known or not.
 */
@ApplicationScoped
@Transactional
public class PasswordResetService {

    private final UserRepository users;
    private final PasswordResetTokenRepository resets;
    private final TokenService tokens;
    private final AccountService accounts;
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(PasswordResetService.class);

    private final ReactiveMailer mailer;
    private final RateLimits limits;
    private final TransactionSynchronizationRegistry transactions;
    private final UserConfig config;
    private final Clock clock;

    public PasswordResetService(UserRepository users, PasswordResetTokenRepository resets, TokenService tokens,
            AccountService accounts, ReactiveMailer mailer, UserConfig config, Clock clock, RateLimits limits,
            TransactionSynchronizationRegistry transactions) {
        this.limits = limits;
        this.transactions = transactions;
        this.clock = clock;
        this.users = users;
        this.resets = resets;
        this.tokens = tokens;
        this.accounts = accounts;
        this.mailer = mailer;
        this.config = config;
    }

    /**
     * Limited per client address and per e-mail. The mail goes out after the commit, off the request thread, so the
     * answer takes as long for a known e-mail as for an unknown one.
     */
    public void request(String email, String client) {
        String normalised = AccountService.normaliseEmail(email);
        limits.take(AccountService.ABUSE_LIMITED, RateLimits.Limit.ABUSE_CLIENT, client,
                RateLimits.Limit.ABUSE_EMAIL, normalised);
        users.findByEmail(normalised).ifPresent(this::sendReset);
    }

    private void sendReset(User user) {
        String token = tokens.randomToken();
        PasswordResetToken row = new PasswordResetToken();
        row.id = UUID.randomUUID();
        row.userId = user.id;
        row.tokenHash = TokenService.sha256(token);
        row.expiresAt = clock.instant().plus(config.passwordReset().lifetime());
        resets.persist(row);
        String link = config.passwordReset().link() + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        Mail mail = Mail.withText(user.email, "Reset your Gavel password",
                "Hello " + user.displayName + ",\n\nto choose a new password, open this link within "
                        + config.passwordReset().lifetime().toMinutes() + " minutes:\n\n" + link
                        + "\n\nIf you did not ask for this, ignore this mail; your password stays as it is.\n");
        AfterCommit.run(transactions, () -> mailer.send(mail).subscribe().with(sent -> { },
                failure -> LOG.warnf("password-reset mail not sent: %s", failure.toString())));
    }

    /** Sets the new password once; every session of the user ends. */
    public void confirm(String token, String newPassword) {
        Instant now = clock.instant();
        PasswordResetToken row = resets.lockByHash(TokenService.sha256(token))
                .filter(r -> r.usedAt == null && r.expiresAt.isAfter(now))
                .orElseThrow(() -> DomainException.badRequest("INVALID_RESET_TOKEN",
                        "The reset link is invalid, used or expired; ask for a new one."));
        User user = accounts.find(row.userId);
        accounts.setPassword(user, newPassword, "newPassword");
        row.usedAt = now;
        resets.invalidateAllOf(user.id, now); // every other link that is still out stops working too
    }
}
