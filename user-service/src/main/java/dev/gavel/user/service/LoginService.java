package dev.gavel.user.service;

import dev.gavel.common.problem.ProblemException;
import dev.gavel.user.rest.UserDtos.LoginRequest;
import dev.gavel.user.rest.UserDtos.TokenResponse;
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
        try {
            return accounts.login(request);
        } catch (ProblemException e) {
            if (e.status() == 401) {
                throttle.recordFailure(email, client);
            }
            throw e;
        }
    }
}
