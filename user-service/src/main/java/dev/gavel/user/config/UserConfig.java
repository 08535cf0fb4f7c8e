package dev.gavel.user.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "gavel.user")
public interface UserConfig {

    @WithDefault("PT15M")
    Duration accessTokenLifetime();

    @WithDefault("P30D")
    Duration refreshTokenLifetime();

    /** E-mails that receive the ADMIN role (admins are bootstrapped from configuration, never by an endpoint). */
    Optional<List<String>> adminEmails();
}
