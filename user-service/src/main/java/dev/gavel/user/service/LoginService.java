package dev.gavel.user.service;

import dev.gavel.common.error.DomainException;
import dev.gavel.user.api.UserDtos.LoginRequest;
import dev.gavel.user.api.UserDtos.TokenResponse;
import jakarta.enterprise.context.ApplicationScoped;

/** A login: throttled per account and per client, then the credentials (in their own transaction). */
@ApplicationScoped
public class LoginService {

    private final LoginThrottle throttle;
    private final AccountService accounts;

    public LoginService(LoginThrottle throttle, AccountService accounts) {
        this.throttle = throttle;
        this.accounts = accounts;
    }

    public TokenResponse login(LoginRequest request, String client) {
        String email = AccountService.normaliseEmail(request.email());
        throttle.checkAllowed(email, client);
        return accounts.login(request).orElseGet(() -> {
            throttle.recordFailure(email, client);
            throw DomainException.unauthorized("INVALID_CREDENTIALS", "E-mail or password is wrong.");
        });
    }
}
