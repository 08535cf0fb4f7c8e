package dev.gavel.user.service;

import dev.gavel.common.error.DomainException;
import dev.gavel.user.api.UserDtos.LoginRequest;
import dev.gavel.user.api.UserDtos.SignInAnswer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * A login: a token is taken from the (account, client address) and the client address buckets before the password
 * is checked, so parallel guesses cannot all pass; a login with the right password gives its tokens back.
 */
@ApplicationScoped
public class LoginService {

    static final String THROTTLED = "TOO_MANY_LOGIN_ATTEMPTS";

    private final RateLimits limits;
    private final AccountService accounts;

    public LoginService(RateLimits limits, AccountService accounts) {
        this.limits = limits;
        this.accounts = accounts;
    }

    public SignInAnswer login(LoginRequest request, String client) {
        String email = AccountService.normaliseEmail(request.email());
        RateLimits.Taken taken = limits.take(THROTTLED,
                RateLimits.Limit.LOGIN_CLIENT, client,
                RateLimits.Limit.LOGIN_ACCOUNT_CLIENT, email + "|" + client);
        Optional<SignInAnswer> signedIn;
        try {
            signedIn = accounts.login(request);
        } catch (DomainException refused) {
            limits.giveBack(taken); // the password was right
            throw refused;
        }
        if (signedIn.isEmpty()) {
            throw DomainException.unauthorized("INVALID_CREDENTIALS", "E-mail or password is wrong.");
        }
        limits.giveBack(taken);
        return signedIn.get();
    }
}
