package dev.gavel.common.persistence;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Deletes old rows of a bookkeeping table a chunk per transaction, so that no expiry holds many row locks for long. */
public final class Expiry {

    /** Rows deleted per transaction. */
    public static final int CHUNK = 5_000;

    private Expiry() {
    }

    /**
     * Deletes the rows of {@code table} whose {@code column} is before {@code before}. Any replica may run it at any
     * time; it must be called outside a transaction.
     *
     * @return how many rows were deleted
     */
    public static int deleteOlderThan(EntityManager entityManager, String table, String column, Instant before) {
        return deleteBelow(entityManager, table, column, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
    }

    /** The same for a column of another type (e.g. epoch milliseconds): rows whose {@code column} is below {@code limit}. */
    public static int deleteBelow(EntityManager entityManager, String table, String column, Object limit) {
        String sql = "DELETE FROM " + table + " WHERE ctid IN (SELECT ctid FROM " + table + " WHERE " + column
                + " < ?1 LIMIT " + CHUNK + ")";
        int total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(sql)
                    .setParameter(1, limit).executeUpdate());
            total += deleted;
        } while (deleted == CHUNK);
        return total;
    }
}
