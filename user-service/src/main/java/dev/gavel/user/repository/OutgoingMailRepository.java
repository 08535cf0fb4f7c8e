package dev.gavel.user.repository;

import dev.gavel.user.OutgoingMail;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class OutgoingMailRepository implements PanacheRepositoryBase<OutgoingMail, UUID> {

    /** Locks up to {@code limit} due mails, oldest first, skipping those another sender holds. */
    @SuppressWarnings("unchecked")
    public List<OutgoingMail> claimDue(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM outgoing_mail WHERE next_attempt_at <= ?1
                ORDER BY created_at LIMIT ?2 FOR UPDATE SKIP LOCKED""", OutgoingMail.class)
                .setParameter(1, now).setParameter(2, limit).getResultList();
    }

    /** Whether a mail of the same kind to the same address was queued after {@code mail}. */
    public boolean supersededBy(OutgoingMail mail) {
        return count("recipient = ?1 and kind = ?2 and createdAt > ?3", mail.recipient, mail.kind, mail.createdAt) > 0;
    }
}
