package dev.gavel.payment.service;

import dev.gavel.common.Page;
import dev.gavel.common.error.DomainException;
import dev.gavel.common.security.Caller;
import dev.gavel.payment.Payment;
import dev.gavel.payment.api.PaymentDtos.Checkout;
import dev.gavel.payment.api.PaymentDtos.WalletEntry;
import dev.gavel.payment.api.PaymentDtos.WalletView;
import dev.gavel.payment.config.PaymentConfig;
import dev.gavel.payment.repository.LedgerRepository;
import dev.gavel.payment.service.Transfer.Account;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A user's wallet (CONTRACT §5b): one per currency, its balance is what is available plus what is held for deposits,
 * each the sum of its ledger entries. Money comes in by top-up (provider checkout) and goes out by withdrawal (at most
 * what is available).
 */
@ApplicationScoped
public class Wallets {

    private final LedgerRepository ledger;
    private final ProviderPayments payments;
    private final PaymentConfig config;

    public Wallets(LedgerRepository ledger, ProviderPayments payments, PaymentConfig config) {
        this.ledger = ledger;
        this.payments = payments;
        this.config = config;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WalletView of(UUID userId, String currency) {
        String c = currency == null ? config.defaultCurrency() : currency;
        BigDecimal available = ledger.balance(Account.wallet(userId), c);
        BigDecimal held = ledger.balance(Account.held(userId), c);
        return new WalletView(c, available.add(held), held, available);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<WalletEntry> entries(UUID userId, int page, int size) {
        return Page.of(ledger.entriesOf(userId, page, size).stream().map(e -> new WalletEntry(e.id(), e.transactionId(),
                e.kind(), e.description(), e.account().name(), e.amount(), e.currency(), e.createdAt())).toList(),
                page, size, ledger.countEntriesOf(userId));
    }

    @Transactional
    public Checkout topUp(Caller caller, BigDecimal amount, String currency) {
        caller.requireVerifiedEmail();
        return payments.start(Payment.Purpose.TOP_UP, caller.id(), null, limited(amount),
                currency == null ? config.defaultCurrency() : currency, "Gavel wallet top-up");
    }

    @Transactional
    public Payment withdraw(Caller caller, BigDecimal amount, String currency) {
        caller.requireVerifiedEmail();
        return payments.withdraw(caller.id(), limited(amount), currency == null ? config.defaultCurrency() : currency);
    }

    private BigDecimal limited(BigDecimal amount) {
        if (amount.compareTo(config.maxTransfer()) > 0) {
            throw DomainException.invalid("amount", "must be at most " + config.maxTransfer());
        }
        return amount.setScale(2);
    }
}
