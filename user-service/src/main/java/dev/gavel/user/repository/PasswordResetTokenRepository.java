package dev.gavel.user.repository;

import dev.gavel.user.PasswordResetToken;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PasswordResetTokenRepository implements PanacheRepositoryBase<PasswordResetToken, UUID> {

    public Optional<PasswordResetToken> lockByHash(String tokenHash) {
        return find("tokenHash", tokenHash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Marks every unused reset token of the user as used. */
    public int invalidateAllOf(java.util.UUID userId, java.time.Instant now) {
        return update("usedAt = ?1 where userId = ?2 and usedAt is null", now, userId);
    }
}
