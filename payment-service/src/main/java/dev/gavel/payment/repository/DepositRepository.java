package dev.gavel.payment.repository;

import dev.gavel.payment.Deposit;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DepositRepository implements PanacheRepositoryBase<Deposit, Deposit.Key> {

    /** The auction's deposits still held, locked. */
    public List<Deposit> heldFor(UUID auctionId) {
        return find("id.auctionId = ?1 and status = ?2", auctionId, Deposit.Status.HELD)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
