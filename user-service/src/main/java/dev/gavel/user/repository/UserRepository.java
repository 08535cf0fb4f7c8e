package dev.gavel.user.repository;

import dev.gavel.user.User;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    /** By normalised e-mail. */
    public Optional<User> findByEmail(String normalisedEmail) {
        return find("email", normalisedEmail).firstResultOptional();
    }

    public boolean emailTaken(String normalisedEmail) {
        return count("email", normalisedEmail) > 0;
    }
}
