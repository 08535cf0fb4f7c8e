package dev.gavel.user.repository;

import dev.gavel.user.Address;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AddressRepository implements PanacheRepositoryBase<Address, UUID> {

    /** The user's addresses, the principal one first, then oldest first. */
    public List<Address> of(UUID userId) {
        return find("userId", Sort.descending("principal").and("createdAt").and("id"), userId).list();
    }

    public Optional<Address> ofUser(UUID userId, UUID id) {
        return find("id = ?1 and userId = ?2", id, userId).firstResultOptional();
    }

    public long countOf(UUID userId) {
        return count("userId", userId);
    }

    /** No address of the user is principal any more (flushed, before another becomes it: the unique index). */
    public void clearPrincipal(UUID userId) {
        update("principal = false where userId = ?1 and principal = true", userId);
        flush();
    }
}
