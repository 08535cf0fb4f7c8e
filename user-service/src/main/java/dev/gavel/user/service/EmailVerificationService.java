package dev.gavel.user.service;

import dev.gavel.common.error.DomainException;
import dev.gavel.user.EmailVerificationToken;
import dev.gavel.user.User;
import dev.gavel.user.config.UserConfig;
import dev.gavel.user.repository.EmailVerificationTokenRepository;
import dev.gavel.user.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * E-mail verification (CONTRACT §2b): a single-use link, valid 24 hours, stored only as a hash. Verifying sets
 * {@code emailVerified} (the {@code email_verified} claim of the next access token) and may grant the configured
 * ADMIN role.
 */
@ApplicationScoped
@Transactional
public class EmailVerificationService {

    private final EmailVerificationTokenRepository links;
    private final UserRepository users;
    private final TokenService tokens;
    private final AdminBootstrap admins;
    private final RateLimits limits;
    private final Mails mails;
    private final UserConfig config;
    private final Clock clock;
    private final Contacts contacts;

    public EmailVerificationService(Contacts contacts, EmailVerificationTokenRepository links, UserRepository users, TokenService tokens,
            AdminBootstrap admins, RateLimits limits, Mails mails, UserConfig config, Clock clock) {
        this.contacts = contacts;
        this.links = links;
        this.users = users;
        this.tokens = tokens;
        this.admins = admins;
        this.limits = limits;
        this.mails = mails;
        this.config = config;
        this.clock = clock;
    }

    /** Sends a new link to the user's address (after the caller's commit). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void send(User user) {
        String token = tokens.randomToken();
        EmailVerificationToken row = new EmailVerificationToken();
        row.id = UUID.randomUUID();
        row.userId = user.id;
        row.tokenHash = TokenService.sha256(token);
        row.expiresAt = clock.instant().plus(config.emailVerification().lifetime());
        links.persist(row);
        mails.verifyEmail(user.email, user.displayName, Mails.link(config.emailVerification().link(), token),
                config.emailVerification().lifetime().toHours());
    }

    /** Verifies the address the link was sent to; the link and every other one still out stop working. */
    public void verify(String token) {
        Instant now = clock.instant();
        EmailVerificationToken row = links.lockByHash(TokenService.sha256(token))
                .filter(r -> r.usableAt(now))
                .orElseThrow(() -> DomainException.badRequest("INVALID_VERIFICATION_TOKEN",
                        "The verification link is invalid, used or expired; ask for a new one."));
        User user = users.findByIdOptional(row.userId).orElseThrow(() -> User.NOT_FOUND.exception());
        user.emailVerified = true;
        admins.apply(user);
        contacts.changed(user);
        links.invalidateAllOf(user.id, now);
    }

    /** A new link for a signed-in, unverified user; limited per client address and per e-mail like registrations. */
    public void resend(UUID userId, String client) {
        User user = users.findByIdOptional(userId).orElseThrow(() -> User.NOT_FOUND.exception());
        limits.take(AccountService.ABUSE_LIMITED, RateLimits.Limit.ABUSE_CLIENT, client,
                RateLimits.Limit.ABUSE_EMAIL, user.email);
        if (user.emailVerified) {
            throw DomainException.conflict("EMAIL_ALREADY_VERIFIED", "This e-mail address is already verified.");
        }
        links.invalidateAllOf(user.id, clock.instant());
        send(user);
    }
}
