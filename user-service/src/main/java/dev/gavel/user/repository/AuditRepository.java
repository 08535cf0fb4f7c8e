package dev.gavel.user.repository;

import dev.gavel.user.AuditEntry;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEntry, UUID> {

    /** The user's audit log, newest first. */
    public List<AuditEntry> of(UUID userId, int page, int size) {
        return find("userId", Sort.descending("at"), userId).page(page, size).list();
    }

    public long countOf(UUID userId) {
        return count("userId", userId);
    }
}
