package dev.gavel.user.service;

import dev.gavel.common.problem.ProblemException;
import dev.gavel.user.User;
import dev.gavel.user.config.UserConfig;
import dev.gavel.user.repository.UserRepository;
import dev.gavel.user.rest.UserDtos.LoginRequest;
import dev.gavel.user.rest.UserDtos.Profile;
import dev.gavel.user.rest.UserDtos.RegisterRequest;
import dev.gavel.user.rest.UserDtos.TokenResponse;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Registration, login and profiles. */
@ApplicationScoped
@Transactional
public class AccountService {

    private static final int BCRYPT_COST = 12;
    /** Checked against when the e-mail is unknown, so that both answers take the same time. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("not-a-real-password-" + UUID.randomUUID(), BCRYPT_COST);

    private final UserRepository users;
    private final TokenService tokens;
    private final Set<String> adminEmails;

    public AccountService(UserRepository users, TokenService tokens, UserConfig config) {
        this.users = users;
        this.tokens = tokens;
        this.adminEmails = config.adminEmails().orElse(java.util.List.of()).stream()
                .map(AccountService::normaliseEmail).collect(Collectors.toSet());
    }

    public TokenResponse register(RegisterRequest request) {
        String email = normaliseEmail(request.email());
        if (request.password().equalsIgnoreCase(email) || request.password().equalsIgnoreCase(request.email().trim())) {
            throw ProblemException.invalid("password", "must not be the e-mail address");
        }
        if (request.accountType() == User.AccountType.COMPANY && request.company() == null) {
            throw ProblemException.invalid("company", "is required for a COMPANY account");
        }
        if (users.emailTaken(email)) {
            throw ProblemException.conflict("EMAIL_TAKEN", "An account with this e-mail already exists.");
        }
        User user = new User();
        user.id = UUID.randomUUID();
        user.email = email;
        user.passwordHash = BcryptUtil.bcryptHash(request.password(), BCRYPT_COST);
        user.displayName = request.displayName().trim();
        user.accountType = request.accountType();
        user.firstName = request.firstName();
        user.lastName = request.lastName();
        user.phone = request.phone();
        if (request.accountType() == User.AccountType.COMPANY) {
            user.companyLegalName = request.company().legalName();
            user.companyTradeName = request.company().tradeName();
            user.companyTaxId = request.company().taxId();
        }
        user.anonymousBidding = Boolean.TRUE.equals(request.anonymousBidding());
        user.roles = adminEmails.contains(email) ? User.ROLE_USER + "," + User.ROLE_ADMIN : User.ROLE_USER;
        user.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        users.persist(user);
        return respond(user);
    }

    public TokenResponse login(LoginRequest request) {
        Optional<User> user = users.findByEmail(normaliseEmail(request.email()));
        String hash = user.map(u -> u.passwordHash).orElse(DUMMY_HASH);
        boolean matches = BcryptUtil.matches(request.password(), hash);
        if (user.isEmpty() || !matches) {
            throw ProblemException.unauthorized("INVALID_CREDENTIALS", "E-mail or password is wrong.");
        }
        return respond(user.get());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Profile profile(UUID userId) {
        return Profile.of(find(userId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public User find(UUID userId) {
        return users.findByIdOptional(userId)
                .orElseThrow(() -> ProblemException.notFound("USER_NOT_FOUND", "No such user."));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean emailExists(String email) {
        return users.emailTaken(normaliseEmail(email));
    }

    private TokenResponse respond(User user) {
        TokenService.Tokens issued = tokens.issue(user);
        return new TokenResponse(Profile.of(user), issued.accessToken(), issued.refreshToken(), "Bearer",
                issued.expiresIn());
    }

    static String normaliseEmail(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
