package dev.gavel.user.service;

import dev.gavel.events.UserSessionsRevoked;
import dev.gavel.common.error.DomainException;
import dev.gavel.user.User;
import dev.gavel.user.repository.UserRepository;
import dev.gavel.user.api.UserDtos.LoginRequest;
import dev.gavel.user.api.UserDtos.PasswordChangeRequest;
import dev.gavel.user.api.UserDtos.Profile;
import dev.gavel.user.api.UserDtos.ProfileUpdate;
import dev.gavel.user.api.UserDtos.RegisterRequest;
import dev.gavel.user.api.UserDtos.SignInAnswer;
import dev.gavel.user.api.UserDtos.TokenResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Registration, credentials, profiles and passwords. */
@ApplicationScoped
@Transactional
public class AccountService {

    private final UserRepository users;
    private final TokenService tokens;
    private final AdminBootstrap admins;
    private final MfaService mfa;
    private final Contacts contacts;
    private final EmailVerificationService verifications;

    /** The code of a refusal by the abuse limits (CONTRACT §2b). */
    public static final String ABUSE_LIMITED = "TOO_MANY_REQUESTS";

    private final Clock clock;
    private final RateLimits limits;

    public AccountService(UserRepository users, TokenService tokens, Clock clock, RateLimits limits,
            AdminBootstrap admins, EmailVerificationService verifications, MfaService mfa, Contacts contacts) {
        this.contacts = contacts;
        this.mfa = mfa;
        this.clock = clock;
        this.limits = limits;
        this.users = users;
        this.tokens = tokens;
        this.admins = admins;
        this.verifications = verifications;
    }

    /** A new account; registrations are limited per client address and per e-mail (before any work). */
    public TokenResponse register(RegisterRequest request, String client) {
        String email = normaliseEmail(request.email());
        limits.take(ABUSE_LIMITED, RateLimits.Limit.ABUSE_CLIENT, client, RateLimits.Limit.ABUSE_EMAIL, email);
        Passwords.checkPolicy("password", request.password(), email);
        if (request.accountType() == User.AccountType.COMPANY && request.company() == null) {
            throw DomainException.invalid("company", "is required for a COMPANY account");
        }
        if (request.accountType() == User.AccountType.INDIVIDUAL && request.company() != null) {
            throw DomainException.invalid("company", "is only for COMPANY accounts");
        }
        if (users.emailTaken(email)) {
            throw DomainException.conflict("EMAIL_TAKEN", "An account with this e-mail already exists.");
        }
        User user = new User();
        user.id = UUID.randomUUID();
        user.email = email;
        user.passwordHash = Passwords.hash(request.password());
        user.displayName = request.displayName().trim();
        user.accountType = request.accountType();
        user.firstName = request.firstName();
        user.lastName = request.lastName();
        user.phone = request.phone();
        if (request.company() != null) {
            user.companyLegalName = request.company().legalName();
            user.companyTradeName = request.company().tradeName();
            user.companyTaxId = request.company().taxId();
        }
        user.anonymousBidding = Boolean.TRUE.equals(request.anonymousBidding());
        user.roles = User.ROLE_USER; // ADMIN only once a configured address is verified (AdminBootstrap)
        user.emailVerified = false;
        user.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        users.persist(user);
        verifications.send(user);
        contacts.changed(user);
        return respond(tokens.issue(user));
    }

    /**
     * Checks the credentials and signs in: empty when they are wrong, after the same bcrypt work whether or not the
     * e-mail exists.
     */
    public Optional<SignInAnswer> login(LoginRequest request) {
        Optional<User> user = users.findByEmail(normaliseEmail(request.email()));
        if (!Passwords.matches(request.password(), user.map(u -> u.passwordHash).orElse(null))) {
            return Optional.empty();
        }
        if (user.get().status == User.Status.SUSPENDED) {
            // told only to whoever knows the password
            throw DomainException.forbidden("ACCOUNT_SUSPENDED", "This account is suspended.");
        }
        admins.apply(user.get());
        if (mfa.enabled(user.get().id)) {
            return Optional.of(mfa.challenge(user.get()));
        }
        return Optional.of(respond(tokens.issue(user.get())));
    }

    public void changePassword(UUID userId, PasswordChangeRequest request) {
        User user = find(userId);
        if (!Passwords.matches(request.currentPassword(), user.passwordHash)) {
            throw DomainException.forbidden("WRONG_PASSWORD", "The current password is wrong.");
        }
        setPassword(user, request.newPassword(), "newPassword");
    }

    /** Sets a new password and ends every session of the user. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void setPassword(User user, String newPassword, String field) {
        Passwords.checkPolicy(field, newPassword, user.email);
        user.passwordHash = Passwords.hash(newPassword);
        tokens.revokeAll(user.id, UserSessionsRevoked.PASSWORD_CHANGED);
    }

    /** Applies only the writable fields of the profile. */
    public Profile update(UUID userId, ProfileUpdate update) {
        User user = find(userId);
        if (update.displayName() != null) {
            if (update.displayName().isBlank()) {
                throw DomainException.invalid("displayName", "must not be blank");
            }
            user.displayName = update.displayName().trim();
        }
        if (update.firstName() != null) {
            user.firstName = update.firstName();
        }
        if (update.lastName() != null) {
            user.lastName = update.lastName();
        }
        if (update.phone() != null) {
            user.phone = update.phone();
        }
        if (update.company() != null) {
            if (user.accountType != User.AccountType.COMPANY) {
                throw DomainException.invalid("company", "is only for COMPANY accounts");
            }
            user.companyLegalName = update.company().legalName();
            user.companyTradeName = update.company().tradeName();
            user.companyTaxId = update.company().taxId();
        }
        if (update.anonymousBidding() != null) {
            user.anonymousBidding = update.anonymousBidding();
        }
        return Profile.of(user);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Profile profile(UUID userId) {
        return Profile.of(find(userId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public User find(UUID userId) {
        return users.findByIdOptional(userId)
                .orElseThrow(User.NOT_FOUND::exception);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean emailExists(String email, String client) {
        limits.take(ABUSE_LIMITED, RateLimits.Limit.ABUSE_CLIENT, client);
        return users.emailTaken(normaliseEmail(email));
    }

    public static TokenResponse respond(TokenService.Tokens issued) {
        return new TokenResponse(Profile.of(issued.user()), issued.accessToken(), issued.refreshToken(), "Bearer",
                issued.expiresIn());
    }

    public static String normaliseEmail(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
