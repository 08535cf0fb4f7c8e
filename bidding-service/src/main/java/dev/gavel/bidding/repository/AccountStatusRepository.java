package dev.gavel.bidding.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The {@code account_status} table. Native SQL: a change is one upsert that applies only when it is newer than what
 * is stored (the two account topics may deliver out of order), which JPA cannot say.
 */
@ApplicationScoped
public class AccountStatusRepository {

    private final EntityManager entityManager;

    public AccountStatusRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records the change unless a newer one is stored; whether it was applied. */
    public boolean change(UUID userId, boolean suspended, Instant at) {
        return entityManager.createNativeQuery("INSERT INTO account_status (user_id, suspended, changed_at) "
                        + "VALUES (?1, ?2, ?3) ON CONFLICT (user_id) DO UPDATE SET suspended = EXCLUDED.suspended, "
                        + "changed_at = EXCLUDED.changed_at WHERE account_status.changed_at < EXCLUDED.changed_at")
                .setParameter(1, userId).setParameter(2, suspended)
                .setParameter(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .executeUpdate() == 1;
    }

    public Set<UUID> suspended() {
        @SuppressWarnings("unchecked")
        List<UUID> ids = entityManager.createNativeQuery("SELECT user_id FROM account_status WHERE suspended",
                UUID.class).getResultList();
        return ids.stream().collect(Collectors.toUnmodifiableSet());
    }
}
