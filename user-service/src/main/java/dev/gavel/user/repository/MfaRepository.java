package dev.gavel.user.repository;

import dev.gavel.user.MfaChallenge;
import dev.gavel.user.MfaTotp;
import dev.gavel.user.RecoveryCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The two-factor tables: authenticators, recovery codes and sign-in challenges. */
@ApplicationScoped
public class MfaRepository {

    private final EntityManager em;

    public MfaRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<MfaTotp> lockTotp(UUID userId) {
        return Optional.ofNullable(em.find(MfaTotp.class, userId, LockModeType.PESSIMISTIC_WRITE));
    }

    public boolean enabled(UUID userId) {
        MfaTotp totp = em.find(MfaTotp.class, userId);
        return totp != null && totp.confirmedAt != null;
    }

    public void persist(Object entity) {
        em.persist(entity);
    }

    public void remove(Object entity) {
        em.remove(entity);
    }

    public List<RecoveryCode> unusedRecoveryCodes(UUID userId) {
        return em.createQuery("from RecoveryCode where userId = ?1 and usedAt is null", RecoveryCode.class)
                .setParameter(1, userId).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    public void deleteRecoveryCodes(UUID userId) {
        em.createQuery("delete from RecoveryCode where userId = ?1").setParameter(1, userId).executeUpdate();
    }

    public Optional<MfaChallenge> lockChallenge(String tokenHash) {
        return em.createQuery("from MfaChallenge where tokenHash = ?1", MfaChallenge.class)
                .setParameter(1, tokenHash).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
    }
}
