package dev.gavel.payment.repository;

import dev.gavel.payment.Payment;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PaymentRepository implements PanacheRepositoryBase<Payment, UUID> {

    public Optional<Payment> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public Optional<Payment> byProviderRef(String provider, String providerRef) {
        return find("provider = ?1 and providerRef = ?2", provider, providerRef).firstResultOptional();
    }
}
