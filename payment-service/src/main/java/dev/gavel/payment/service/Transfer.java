package dev.gavel.payment.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One ledger transaction before it is posted (pure, table-tested in TransferTest): money moved between accounts of
 * one currency. It is applied once per {@code (kind, reference)}; its postings are positive amounts to the receiving
 * account and negative ones from the giving account, and they always sum to zero.
 */
public record Transfer(String kind, String reference, String description, String currency, List<Posting> postings) {

    /** Whose money an account holds (CONTRACT §5b's ledger accounts; see the README's diagram). */
    public enum AccountKind {
        /** A user's available money. */
        WALLET,
        /** A user's money held for deposits. */
        HELD,
        /** A buyer's money for one order, until the order completes (owner = the order). */
        ESCROW,
        /** The platform's premiums, commissions and forfeit shares. */
        PLATFORM_REVENUE,
        /** What the payment provider holds for the platform: money in is negative here, money out positive. */
        PROVIDER_CLEARING;

        /** Only the provider's clearing account may go below zero. */
        public boolean mayGoNegative() {
            return this == PROVIDER_CLEARING;
        }
    }

    /** The owner id of the platform's own accounts. */
    public static final UUID PLATFORM = new UUID(0, 0);

    public record Account(AccountKind kind, UUID owner) {

        public static Account wallet(UUID userId) {
            return new Account(AccountKind.WALLET, userId);
        }

        public static Account held(UUID userId) {
            return new Account(AccountKind.HELD, userId);
        }

        public static Account escrow(UUID orderId) {
            return new Account(AccountKind.ESCROW, orderId);
        }

        public static Account platformRevenue() {
            return new Account(AccountKind.PLATFORM_REVENUE, PLATFORM);
        }

        public static Account providerClearing() {
            return new Account(AccountKind.PROVIDER_CLEARING, PLATFORM);
        }
    }

    public record Posting(Account account, BigDecimal amount) {
    }

    public Transfer {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(reference);
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("a transfer has one ISO 4217 currency, not " + currency);
        }
        postings = List.copyOf(postings);
        if (postings.size() < 2) {
            throw new IllegalArgumentException("a transfer moves money between at least two accounts");
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Posting p : postings) {
            if (p.amount().signum() == 0 || p.amount().scale() > 2) {
                throw new IllegalArgumentException("each posting moves a non-zero amount in cents: " + p);
            }
            sum = sum.add(p.amount());
        }
        if (sum.signum() != 0) {
            throw new IllegalArgumentException("a transfer must balance to zero, not " + sum + ": " + postings);
        }
    }

    /** The net change of each account (an account may appear in several postings). */
    public Map<Account, BigDecimal> netChanges() {
        Map<Account, BigDecimal> net = new LinkedHashMap<>();
        postings.forEach(p -> net.merge(p.account(), p.amount(), BigDecimal::add));
        return net;
    }

    public static Builder of(String kind, String reference, String description, String currency) {
        return new Builder(kind, reference, description, currency);
    }

    /** Collects moves; {@link #build} checks the result. */
    public static final class Builder {

        private final String kind;
        private final String reference;
        private final String description;
        private final String currency;
        private final List<Posting> postings = new ArrayList<>();

        private Builder(String kind, String reference, String description, String currency) {
            this.kind = kind;
            this.reference = reference;
            this.description = description;
            this.currency = currency;
        }

        /** Moves {@code amount} (positive; a zero amount moves nothing) from one account to another. */
        public Builder move(BigDecimal amount, Account from, Account to) {
            if (amount.signum() < 0) {
                throw new IllegalArgumentException("a move is of a positive amount, not " + amount);
            }
            if (amount.signum() > 0) {
                postings.add(new Posting(from, amount.negate()));
                postings.add(new Posting(to, amount));
            }
            return this;
        }

        public Transfer build() {
            return new Transfer(kind, reference, description, currency, postings);
        }
    }
}
