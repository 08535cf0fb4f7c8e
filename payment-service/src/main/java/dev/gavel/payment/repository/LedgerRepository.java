package dev.gavel.payment.repository;

import dev.gavel.payment.service.Transfer.Account;
import dev.gavel.payment.service.Transfer.AccountKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger's tables, in SQL through the EntityManager: row locks and sums are what this kind of work is about, so
 * the ledger is written as statements, not entities (README, "Persistence").
 */
@ApplicationScoped
public class LedgerRepository {

    /** An account row as locked for a posting. */
    public record LockedAccount(UUID id, Account account, BigDecimal balance) {
    }

    /** One entry as its owner sees it. */
    public record EntryRow(long id, UUID transactionId, String kind, String reference, String description,
            AccountKind account, BigDecimal amount, String currency, Instant createdAt) {
    }

    /** An account whose cached balance is not the sum of its entries. */
    public record Mismatch(UUID accountId, AccountKind kind, UUID owner, BigDecimal balance, BigDecimal entries) {
    }

    private final EntityManager em;

    public LedgerRepository(EntityManager em) {
        this.em = em;
    }

    /** Starts a transaction once per (kind, reference): false when it was posted before. */
    public boolean insertTransaction(UUID id, String kind, String reference, String description, Instant at) {
        return em.createNativeQuery("INSERT INTO ledger_transaction (id, kind, reference, description, created_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (kind, reference) DO NOTHING")
                .setParameter(1, id).setParameter(2, kind).setParameter(3, reference)
                .setParameter(4, description == null ? kind : description).setParameter(5, Timestamp.from(at))
                .executeUpdate() == 1;
    }

    /** Opens the account at zero unless it exists. */
    public void create(Account account, String currency) {
        em.createNativeQuery("INSERT INTO ledger_account (id, kind, owner_id, currency) VALUES (?1, ?2, ?3, ?4) "
                        + "ON CONFLICT (kind, owner_id, currency) DO NOTHING")
                .setParameter(1, UUID.randomUUID()).setParameter(2, account.kind().name())
                .setParameter(3, account.owner()).setParameter(4, currency).executeUpdate();
    }

    /** The (existing) account, locked until the transaction ends. */
    public LockedAccount lock(Account account, String currency) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT id, balance FROM ledger_account "
                        + "WHERE kind = ?1 AND owner_id = ?2 AND currency = ?3 FOR UPDATE")
                .setParameter(1, account.kind().name()).setParameter(2, account.owner()).setParameter(3, currency)
                .getSingleResult();
        return new LockedAccount((UUID) row[0], account, (BigDecimal) row[1]);
    }

    /** The account's id, if it exists, without locking it. */
    public Optional<UUID> idOf(Account account, String currency) {
        @SuppressWarnings("unchecked")
        List<UUID> found = em.createNativeQuery("SELECT id FROM ledger_account WHERE kind = ?1 AND owner_id = ?2 "
                        + "AND currency = ?3", UUID.class)
                .setParameter(1, account.kind().name()).setParameter(2, account.owner()).setParameter(3, currency)
                .getResultList();
        return found.stream().findFirst();
    }

    public void insertEntry(UUID transactionId, UUID accountId, BigDecimal amount, Instant at) {
        em.createNativeQuery("INSERT INTO ledger_entry (transaction_id, account_id, amount, created_at) "
                        + "VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, transactionId).setParameter(2, accountId).setParameter(3, amount)
                .setParameter(4, Timestamp.from(at)).executeUpdate();
    }

    public void setBalance(UUID accountId, BigDecimal balance) {
        em.createNativeQuery("UPDATE ledger_account SET balance = ?2 WHERE id = ?1")
                .setParameter(1, accountId).setParameter(2, balance).executeUpdate();
    }

    /** The cached balance (zero for an account that does not exist yet). */
    public BigDecimal balance(Account account, String currency) {
        @SuppressWarnings("unchecked")
        List<BigDecimal> found = em.createNativeQuery("SELECT balance FROM ledger_account WHERE kind = ?1 "
                        + "AND owner_id = ?2 AND currency = ?3", BigDecimal.class)
                .setParameter(1, account.kind().name()).setParameter(2, account.owner()).setParameter(3, currency)
                .getResultList();
        return found.isEmpty() ? BigDecimal.ZERO.setScale(2) : found.get(0);
    }

    /** The sum of the account's entries. */
    public BigDecimal sumOfEntries(Account account, String currency) {
        Object sum = em.createNativeQuery("SELECT COALESCE(sum(e.amount), 0) FROM ledger_entry e "
                        + "JOIN ledger_account a ON a.id = e.account_id "
                        + "WHERE a.kind = ?1 AND a.owner_id = ?2 AND a.currency = ?3")
                .setParameter(1, account.kind().name()).setParameter(2, account.owner()).setParameter(3, currency)
                .getSingleResult();
        return ((BigDecimal) sum).setScale(2);
    }

    /** The user's entries (wallet and held money), newest first. */
    public List<EntryRow> entriesOf(UUID userId, int page, int size) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT e.id, t.id, t.kind, t.reference, t.description, a.kind, "
                        + "e.amount, a.currency, e.created_at FROM ledger_entry e "
                        + "JOIN ledger_account a ON a.id = e.account_id JOIN ledger_transaction t ON t.id = e.transaction_id "
                        + "WHERE a.owner_id = ?1 AND a.kind IN ('WALLET', 'HELD') ORDER BY e.id DESC")
                .setParameter(1, userId).setFirstResult(page * size).setMaxResults(size).getResultList();
        return rows.stream().map(r -> new EntryRow(((Number) r[0]).longValue(), (UUID) r[1], (String) r[2],
                (String) r[3], (String) r[4], AccountKind.valueOf((String) r[5]), (BigDecimal) r[6], (String) r[7],
                instant(r[8]))).toList();
    }

    public long countEntriesOf(UUID userId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM ledger_entry e JOIN ledger_account a "
                        + "ON a.id = e.account_id WHERE a.owner_id = ?1 AND a.kind IN ('WALLET', 'HELD')")
                .setParameter(1, userId).getSingleResult()).longValue();
    }

    /** Accounts whose cached balance differs from the sum of their entries (none, when all is well). */
    public List<Mismatch> mismatches() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT a.id, a.kind, a.owner_id, a.balance, "
                + "COALESCE((SELECT sum(e.amount) FROM ledger_entry e WHERE e.account_id = a.id), 0) AS entries "
                + "FROM ledger_account a "
                + "WHERE a.balance <> COALESCE((SELECT sum(e.amount) FROM ledger_entry e WHERE e.account_id = a.id), 0)")
                .getResultList();
        return rows.stream().map(r -> new Mismatch((UUID) r[0], AccountKind.valueOf((String) r[1]), (UUID) r[2],
                (BigDecimal) r[3], (BigDecimal) r[4])).toList();
    }

    /** The sum of every entry of the ledger (zero, when every transaction balanced). */
    public BigDecimal total() {
        return ((BigDecimal) em.createNativeQuery("SELECT COALESCE(sum(amount), 0) FROM ledger_entry")
                .getSingleResult()).setScale(2);
    }

    /** Transactions whose entries do not sum to zero. */
    public long unbalancedTransactions() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM (SELECT transaction_id FROM ledger_entry "
                + "GROUP BY transaction_id HAVING sum(amount) <> 0) t").getSingleResult()).longValue();
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) value;
    }
}
