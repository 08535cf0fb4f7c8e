package dev.gavel.bidding.service;

import dev.gavel.bidding.repository.AccountStatusRepository;
import dev.gavel.common.error.DomainException;
import dev.gavel.common.persistence.AfterCommit;
import dev.gavel.events.UserReinstated;
import dev.gavel.events.UserSuspended;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.util.Set;
import java.util.UUID;

/**
 * The accounts an admin suspended, kept locally from {@code user-suspended} and {@code user-reinstated}: their bids
 * and buy-now are refused (403 {@code ACCOUNT_SUSPENDED}) even while their access token is valid. The table is the
 * truth; each replica holds it in memory and reads it again every second (the replica that consumed a change knows it
 * at once), so a suspension takes hold everywhere within seconds. A bid never waits for a query.
 */
@ApplicationScoped
public class SuspendedAccounts {

    private final AccountStatusRepository statuses;
    private final TransactionSynchronizationRegistry transactions;
    private volatile Set<UUID> suspended = Set.of();

    public SuspendedAccounts(AccountStatusRepository statuses, TransactionSynchronizationRegistry transactions) {
        this.statuses = statuses;
        this.transactions = transactions;
    }

    void load(@Observes StartupEvent startup) {
        refresh();
    }

    @Scheduled(every = "${gavel.bidding.suspensions-refresh:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void refresh() {
        suspended = statuses.suspended();
    }

    @Transactional
    public void apply(UserSuspended event) {
        if (statuses.change(event.userId(), true, event.at())) {
            AfterCommit.run(transactions, this::refresh);
        }
    }

    @Transactional
    public void apply(UserReinstated event) {
        if (statuses.change(event.userId(), false, event.at())) {
            AfterCommit.run(transactions, this::refresh);
        }
    }

    /** Refuses a suspended account. */
    public void check(UUID userId) {
        if (suspended.contains(userId)) {
            throw DomainException.forbidden("ACCOUNT_SUSPENDED", "This account is suspended and cannot bid.");
        }
    }
}
