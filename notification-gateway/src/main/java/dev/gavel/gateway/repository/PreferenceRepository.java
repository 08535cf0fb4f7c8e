package dev.gavel.gateway.repository;

import dev.gavel.gateway.service.MailPreferences;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Mail preferences; a user without a row has the defaults. */
@ApplicationScoped
public class PreferenceRepository {

    private final EntityManager em;

    public PreferenceRepository(EntityManager em) {
        this.em = em;
    }

    public MailPreferences of(UUID userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT outbid, auction_won, auction_sold, ending_soon, payments "
                + "FROM mail_preference WHERE user_id = ?1").setParameter(1, userId).getResultList();
        return rows.stream().findFirst().map(r -> new MailPreferences((Boolean) r[0], (Boolean) r[1], (Boolean) r[2],
                (Boolean) r[3], (Boolean) r[4])).orElse(MailPreferences.DEFAULTS);
    }

    /** The preferences of each of {@code userIds} (the defaults for those without a row), in one query. */
    public Map<UUID, MailPreferences> of(Collection<UUID> userIds) {
        Map<UUID, MailPreferences> preferences = new HashMap<>();
        userIds.forEach(id -> preferences.put(id, MailPreferences.DEFAULTS));
        preferences.putAll(UserRows.of(em, "SELECT user_id, outbid, auction_won, auction_sold, ending_soon, payments "
                + "FROM mail_preference WHERE user_id = ANY (?)", userIds, row -> new MailPreferences(row.getBoolean(2),
                row.getBoolean(3), row.getBoolean(4), row.getBoolean(5), row.getBoolean(6))));
        return preferences;
    }

    public void save(UUID userId, MailPreferences p) {
        em.createNativeQuery("INSERT INTO mail_preference (user_id, outbid, auction_won, auction_sold, ending_soon, "
                        + "payments) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (user_id) DO UPDATE SET "
                        + "outbid = EXCLUDED.outbid, auction_won = EXCLUDED.auction_won, auction_sold = "
                        + "EXCLUDED.auction_sold, ending_soon = EXCLUDED.ending_soon, payments = EXCLUDED.payments")
                .setParameter(1, userId).setParameter(2, p.outbid()).setParameter(3, p.auctionWon())
                .setParameter(4, p.auctionSold()).setParameter(5, p.endingSoon()).setParameter(6, p.payments())
                .executeUpdate();
    }
}
