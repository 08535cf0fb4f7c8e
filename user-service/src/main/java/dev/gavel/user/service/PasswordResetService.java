package dev.gavel.user.service;

import dev.gavel.common.error.DomainException;
import dev.gavel.user.PasswordResetToken;
import dev.gavel.user.User;
import dev.gavel.user.config.UserConfig;
import dev.gavel.user.repository.PasswordResetTokenRepository;
import dev.gavel.user.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

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
    private final Mails mails;
    private final RateLimits limits;
    private final UserConfig config;
    private final Clock clock;

    public PasswordResetService(UserRepository users, PasswordResetTokenRepository resets, TokenService tokens,
            AccountService accounts, Mails mails, UserConfig config, Clock clock, RateLimits limits) {
        this.limits = limits;
        this.clock = clock;
        this.users = users;
        this.resets = resets;
        this.tokens = tokens;
        this.accounts = accounts;
        this.mails = mails;
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
        mails.passwordReset(user.email, user.displayName, Mails.link(config.passwordReset().link(), token),
                config.passwordReset().lifetime().toMinutes());
    }

    /** Sets the new password once; every session of the user ends. */
    public void confirm(String token, String newPassword) {
        Instant now = clock.instant();
        PasswordResetToken row = resets.lockByHash(TokenService.sha256(token))
                .filter(r -> r.usableAt(now))
                .orElseThrow(() -> DomainException.badRequest("INVALID_RESET_TOKEN",
                        "The reset link is invalid, used or expired; ask for a new one."));
        User user = accounts.find(row.userId);
        accounts.setPassword(user, newPassword, "newPassword");
        row.usedAt = now;
        resets.invalidateAllOf(user.id, now); // every other link that is still out stops working too
    }
}
