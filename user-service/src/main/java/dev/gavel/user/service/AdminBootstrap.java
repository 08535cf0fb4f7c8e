package dev.gavel.user.service;

import dev.gavel.user.User;
import dev.gavel.user.config.UserConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Admins come from configuration ({@code gavel.user.admin-emails}), never from an endpoint, and only to a verified
 * address: the role is granted when a listed address is verified, or at the next sign-in of a verified account that
 * was listed later.
 */
@ApplicationScoped
public class AdminBootstrap {

    private final Set<String> adminEmails;

    public AdminBootstrap(UserConfig config) {
        this.adminEmails = config.adminEmails().orElse(List.of()).stream()
                .map(AccountService::normaliseEmail).collect(Collectors.toSet());
    }

    /** Grants ADMIN to a verified, listed account (the caller's transaction keeps the change). */
    public void apply(User user) {
        if (user.emailVerified && adminEmails.contains(user.email)) {
            user.grant(User.ROLE_ADMIN);
        }
    }
}
