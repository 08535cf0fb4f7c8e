package dev.gavel.payment.service;

import dev.gavel.common.error.DomainException;
import dev.gavel.payment.repository.LedgerRepository;
import dev.gavel.payment.repository.LedgerRepository.LockedAccount;
import dev.gavel.payment.service.Transfer.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The only way money moves (CONTRACT §5b): a {@link Transfer} is posted as one ledger transaction, once per
 * {@code (kind, reference)}. The accounts it touches are locked in one order (their ids), so concurrent payments,
 * holds and withdrawals of one wallet happen one after the other and never deadlock; an account that would go below
 * zero refuses the whole transfer (402 {@code INSUFFICIENT_FUNDS}). The database checks the same twice more: a
 * transaction's entries must sum to zero at commit, and a user's balance must not be negative.
 */
@ApplicationScoped
public class Ledger {

    private final LedgerRepository ledger;
    private final LedgerAccounts accounts;
    private final Clock clock;

    public Ledger(LedgerRepository ledger, LedgerAccounts accounts, Clock clock) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * Posts the transfer in the caller's transaction.
     *
     * @return false when a transfer of the same kind and reference was posted before (nothing changes)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean post(Transfer transfer) {
        Instant now = clock.instant();
        UUID transactionId = UUID.randomUUID();
        if (!ledger.insertTransaction(transactionId, transfer.kind(), transfer.reference(), transfer.description(), now)) {
            return false;
        }
        Map<Account, BigDecimal> changes = transfer.netChanges();
        // lock in one global order: ensure the rows exist, learn their ids, then lock sorted by id
        Map<Account, UUID> ids = new LinkedHashMap<>();
        for (Account account : changes.keySet()) {
            ids.put(account, ledger.idOf(account, transfer.currency())
                    .orElseGet(() -> accounts.open(account, transfer.currency())));
        }
        List<Account> order = new ArrayList<>(changes.keySet());
        order.sort(Comparator.comparing(ids::get));
        Map<Account, LockedAccount> locked = new LinkedHashMap<>();
        for (Account account : order) {
            locked.put(account, ledger.lock(account, transfer.currency()));
        }
        for (Account account : order) {
            BigDecimal after = locked.get(account).balance().add(changes.get(account));
            if (after.signum() < 0 && !account.kind().mayGoNegative()) {
                throw DomainException.paymentRequired("INSUFFICIENT_FUNDS", "Not enough money available in "
                        + transfer.currency() + " for this.").with("needed", changes.get(account).negate())
                        .with("available", locked.get(account).balance());
            }
        }
        for (Transfer.Posting posting : transfer.postings()) {
            ledger.insertEntry(transactionId, locked.get(posting.account()).id(), posting.amount(), now);
        }
        for (Account account : order) {
            ledger.setBalance(locked.get(account).id(), locked.get(account).balance().add(changes.get(account)));
        }
        return true;
    }

    /** The cached balance of an account. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public BigDecimal balance(Account account, String currency) {
        return ledger.balance(account, currency);
    }
}
