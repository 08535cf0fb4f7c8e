package dev.gavel.user.service;

import dev.gavel.common.error.DomainException;
import dev.gavel.user.ExternalIdentity;
import dev.gavel.user.User;
import dev.gavel.user.api.UserDtos.SignInAnswer;
import dev.gavel.user.repository.ExternalIdentityRepository;
import dev.gavel.user.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Sign-in with an OpenID Connect provider (CONTRACT §2b). A known provider account signs its user in; otherwise an
 * account with the same e-mail is linked only when the provider asserts {@code email_verified}, and a new account is
 * created (without a password) when there is none. Two-factor sign-in, when on, still asks for the second factor.
 */
@ApplicationScoped
@Transactional
public class ExternalSignIn {

    /** {@code amr} of a session opened by a provider: federated. */
    static final String FEDERATED = "fed";

    private final IdTokenVerifier verifier;
    private final ExternalIdentityRepository identities;
    private final UserRepository users;
    private final TokenService tokens;
    private final MfaService mfa;
    private final AdminBootstrap admins;
    private final Clock clock;
    private final Contacts contacts;

    public ExternalSignIn(IdTokenVerifier verifier, ExternalIdentityRepository identities, UserRepository users,
            TokenService tokens, MfaService mfa, AdminBootstrap admins, Contacts contacts, Clock clock) {
        this.contacts = contacts;
        this.verifier = verifier;
        this.identities = identities;
        this.users = users;
        this.tokens = tokens;
        this.mfa = mfa;
        this.admins = admins;
        this.clock = clock;
    }

    public SignInAnswer signIn(String providerId, String idToken, String nonce) {
        IdTokenVerifier.Identity identity = verifier.verify(providerId, idToken, nonce);
        ExternalIdentity.Key key = new ExternalIdentity.Key(providerId, identity.subject());
        User user = identities.findByIdOptional(key)
                .map(linked -> users.findByIdOptional(linked.userId).orElseThrow(User.NOT_FOUND::exception))
                .orElseGet(() -> linkOrCreate(key, identity));
        if (user.status == User.Status.SUSPENDED) {
            throw DomainException.forbidden("ACCOUNT_SUSPENDED", "This account is suspended.");
        }
        admins.apply(user);
        if (mfa.enabled(user.id)) {
            return mfa.challenge(user);
        }
        return AccountService.respond(tokens.issue(user, FEDERATED));
    }

    private User linkOrCreate(ExternalIdentity.Key key, IdTokenVerifier.Identity identity) {
        if (identity.email() == null || identity.email().isBlank()) {
            throw DomainException.badRequest("ID_TOKEN_WITHOUT_EMAIL", "The provider did not share an e-mail address.");
        }
        User user = users.findByEmail(AccountService.normaliseEmail(identity.email())).orElse(null);
        if (user != null && !identity.emailVerified()) {
            throw DomainException.conflict("ACCOUNT_EXISTS",
                    "An account with this e-mail exists; the provider has not verified the address, so sign in with "
                            + "your password instead.");
        }
        if (user == null) {
            user = new User();
            user.id = UUID.randomUUID();
            user.email = AccountService.normaliseEmail(identity.email());
            user.passwordHash = null; // none until the owner sets one by reset
            user.displayName = displayName(identity);
            user.accountType = User.AccountType.INDIVIDUAL;
            user.roles = User.ROLE_USER;
            user.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            user.emailVerified = identity.emailVerified();
            users.persist(user);
        } else {
            user.emailVerified = true; // the provider vouches for the address
        }
        ExternalIdentity link = new ExternalIdentity();
        link.key = key;
        link.userId = user.id;
        link.email = identity.email();
        link.linkedAt = clock.instant();
        identities.persist(link);
        contacts.changed(user);
        return user;
    }

    private static String displayName(IdTokenVerifier.Identity identity) {
        String name = identity.name() != null && !identity.name().isBlank() ? identity.name().trim()
                : identity.email().substring(0, identity.email().indexOf('@'));
        return name.length() > 60 ? name.substring(0, 60) : name;
    }
}
