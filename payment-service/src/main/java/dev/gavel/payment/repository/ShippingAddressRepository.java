package dev.gavel.payment.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Each user's principal address as user-service last told it (JSON), newest change wins. */
@ApplicationScoped
public class ShippingAddressRepository {

    private final EntityManager em;

    public ShippingAddressRepository(EntityManager em) {
        this.em = em;
    }

    public void change(UUID userId, String addressJson, Instant at) {
        em.createNativeQuery("INSERT INTO shipping_address (user_id, address, changed_at) VALUES (?1, ?2, ?3) "
                        + "ON CONFLICT (user_id) DO UPDATE SET address = EXCLUDED.address, changed_at = EXCLUDED.changed_at "
                        + "WHERE shipping_address.changed_at < EXCLUDED.changed_at")
                .setParameter(1, userId).setParameter(2, addressJson).setParameter(3, Timestamp.from(at))
                .executeUpdate();
    }

    /** Orders of the buyer not yet shipped and without an address get this one. */
    public void fillMissingOnOpenOrders(UUID buyerId, String addressJson) {
        em.createNativeQuery("UPDATE orders SET shipping_address = ?2 WHERE buyer_id = ?1 AND shipping_address IS NULL "
                        + "AND status IN ('AWAITING_PAYMENT', 'PAID')")
                .setParameter(1, buyerId).setParameter(2, addressJson).executeUpdate();
    }

    public Optional<String> of(UUID userId) {
        @SuppressWarnings("unchecked")
        java.util.List<String> found = em.createNativeQuery("SELECT address FROM shipping_address WHERE user_id = ?1",
                String.class).setParameter(1, userId).getResultList();
        return found.stream().filter(java.util.Objects::nonNull).findFirst();
    }
}
