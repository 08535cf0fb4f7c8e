package dev.gavel.user.repository;

import dev.gavel.user.User;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Locale;
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

    /** Locks the account row (for changes that must not interleave, such as suspension or addresses). */
    public Optional<User> lock(UUID id) {
        return find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /**
     * Accounts whose e-mail or display name contains {@code q} (case-insensitive; null: all), with the status (null:
     * any), newest first.
     */
    public PanacheQuery<User> search(String q, User.Status status) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (q != null && !q.isBlank()) {
            where.append(" and (lower(email) like :q or lower(displayName) like :q)");
            String literal = q.trim().toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            params.and("q", "%" + literal + "%");
        }
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status);
        }
        return find(where.toString(), Sort.descending("createdAt"), params);
    }
}
