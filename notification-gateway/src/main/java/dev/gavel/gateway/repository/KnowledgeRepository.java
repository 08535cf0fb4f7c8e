package dev.gavel.gateway.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the gateway learns from other services' events, kept locally so that no event needs a call: auctions' titles,
 * recipients' addresses, and the outbid-mail throttle. Native SQL: every write is an upsert.
 */
@ApplicationScoped
public class KnowledgeRepository {

    public record AuctionInfo(String title, UUID sellerId, String currency) {
    }

    public record Recipient(String email, boolean emailVerified, String displayName) {
    }

    private final EntityManager em;

    public KnowledgeRepository(EntityManager em) {
        this.em = em;
    }

    public void auction(UUID auctionId, String title, UUID sellerId, String currency, Instant at) {
        em.createNativeQuery("INSERT INTO auction_info (auction_id, title, seller_id, currency, updated_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (auction_id) DO UPDATE SET title = EXCLUDED.title, "
                        + "currency = EXCLUDED.currency, updated_at = EXCLUDED.updated_at "
                        + "WHERE auction_info.updated_at <= EXCLUDED.updated_at")
                .setParameter(1, auctionId).setParameter(2, title).setParameter(3, sellerId)
                .setParameter(4, currency).setParameter(5, utc(at)).executeUpdate();
    }

    public Optional<AuctionInfo> auction(UUID auctionId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT title, seller_id, currency FROM auction_info "
                + "WHERE auction_id = ?1").setParameter(1, auctionId).getResultList();
        return rows.stream().findFirst().map(r -> new AuctionInfo((String) r[0], (UUID) r[1], (String) r[2]));
    }

    public void recipient(UUID userId, String email, boolean verified, String displayName, Instant at) {
        em.createNativeQuery("INSERT INTO recipient (user_id, email, email_verified, display_name, updated_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, "
                        + "email_verified = EXCLUDED.email_verified, display_name = EXCLUDED.display_name, "
                        + "updated_at = EXCLUDED.updated_at WHERE recipient.updated_at <= EXCLUDED.updated_at")
                .setParameter(1, userId).setParameter(2, email).setParameter(3, verified)
                .setParameter(4, displayName).setParameter(5, utc(at)).executeUpdate();
    }

    public Optional<Recipient> recipient(UUID userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT email, email_verified, display_name FROM recipient "
                + "WHERE user_id = ?1").setParameter(1, userId).getResultList();
        return rows.stream().findFirst().map(r -> new Recipient((String) r[0], (Boolean) r[1], (String) r[2]));
    }

    /** The known recipients among {@code userIds}, in one query (see {@link NotificationRepository#insertIfAbsent}). */
    public Map<UUID, Recipient> recipients(Collection<UUID> userIds) {
        return UserRows.of(em, "SELECT user_id, email, email_verified, display_name FROM recipient "
                + "WHERE user_id = ANY (?)", userIds, row -> new Recipient(row.getString(2), row.getBoolean(3),
                row.getString(4)));
    }

    /**
     * Takes the user's outbid-mail slot of the auction when the last one is at least {@code gap} old; whether it was
     * taken (concurrent takers wait on the row: one wins).
     */
    public boolean takeOutbidMailSlot(UUID userId, UUID auctionId, Instant now, Duration gap) {
        return em.createNativeQuery("INSERT INTO outbid_mail_sent (user_id, auction_id, sent_at) VALUES (?1, ?2, ?3) "
                        + "ON CONFLICT (user_id, auction_id) DO UPDATE SET sent_at = EXCLUDED.sent_at "
                        + "WHERE outbid_mail_sent.sent_at <= ?4")
                .setParameter(1, userId).setParameter(2, auctionId).setParameter(3, utc(now))
                .setParameter(4, utc(now.minus(gap))).executeUpdate() == 1;
    }

    static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
