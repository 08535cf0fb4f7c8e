package dev.gavel.payment.service;

import dev.gavel.payment.repository.LedgerRepository;
import dev.gavel.payment.repository.LedgerRepository.Mismatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.util.List;

/**
 * Proves the ledger: all entries sum to zero, every transaction balances, and every account's cached balance equals
 * the sum of its entries. {@code GET /api/payments/ledger/audit} (ADMIN) runs it.
 */
@ApplicationScoped
public class LedgerAudit {

    public record Report(boolean balanced, BigDecimal total, long unbalancedTransactions, List<Mismatch> mismatches) {
    }

    private final LedgerRepository ledger;

    public LedgerAudit(LedgerRepository ledger) {
        this.ledger = ledger;
    }

    @Transactional
    public Report run() {
        BigDecimal total = ledger.total();
        long unbalanced = ledger.unbalancedTransactions();
        List<Mismatch> mismatches = ledger.mismatches();
        return new Report(total.signum() == 0 && unbalanced == 0 && mismatches.isEmpty(), total, unbalanced, mismatches);
    }
}
