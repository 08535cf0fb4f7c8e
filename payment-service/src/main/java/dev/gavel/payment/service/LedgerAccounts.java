package dev.gavel.payment.service;

import dev.gavel.payment.repository.LedgerRepository;
import dev.gavel.payment.service.Transfer.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * Opens ledger accounts in a transaction of their own, committed before a posting locks them: a posting then locks
 * only committed rows, all in id order (an account created inside a posting would be locked out of that order).
 */
@ApplicationScoped
public class LedgerAccounts {

    private final LedgerRepository ledger;

    public LedgerAccounts(LedgerRepository ledger) {
        this.ledger = ledger;
    }

    /** The account's id, opening it at zero when it is new. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public UUID open(Account account, String currency) {
        return ledger.idOf(account, currency).orElseGet(() -> {
            ledger.create(account, currency);
            return ledger.idOf(account, currency).orElseThrow();
        });
    }
}
