package dev.gavel.bidding.repository;

import dev.gavel.bidding.AuctionState;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class AuctionStateRepository implements PanacheRepositoryBase<AuctionState, UUID> {

    /** Locks the auction's row for the rest of the transaction: one writer per auction at a time. */
    public Optional<AuctionState> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Locks the rows of several auctions in one statement, in the order of their ids (PostgreSQL locks the rows as it
     * returns them, after the sort), so transactions that lock overlapping sets never wait on each other; by id.
     */
    @SuppressWarnings("unchecked")
    public java.util.Map<UUID, AuctionState> lockAll(List<UUID> ids) {
        // SQL with the ids as one array: an HQL "in" list is translated again for every length of list, a tenth of
        // bidding-service's CPU in the spread storm (gavel-bench BiddingBenchmark, the third storm)
        List<AuctionState> rows = getEntityManager()
                .createNativeQuery("SELECT * FROM auction_state WHERE id = ANY(:ids) ORDER BY id FOR UPDATE",
                        AuctionState.class)
                .setParameter("ids", ids.toArray(UUID[]::new))
                .getResultList();
        return rows.stream().collect(java.util.stream.Collectors.toMap(a -> a.id, a -> a));
    }

    private static final String WRITE_KEPT = """
            UPDATE auction_state SET current_price = ?, bid_count = ?, bidder_count = ?, leader_id = ?, leader_name = ?,
                sequence = ?, log_head = ?, ends_at = ?, status = ?, outcome = ?, closed_at = ?, version = version + 1
            WHERE id = ? AND version = ?""";

    /**
     * Writes the live state of auctions the engine kept in memory (its lease: {@code LiveAuctions}) where their row is
     * still at the version kept, and moves it; the ids of those whose row had moved on (nothing written for them).
     * Plain JDBC, one batch for all the auctions of a transaction in id order: the engine's hot path (gavel-bench
     * BiddingBenchmark); the terms are not written, the engine never changes them. One statement per row, not one
     * {@code UPDATE … FROM unnest(…)} as for positions: PostgreSQL plans that as a hash join over a sequential scan
     * and would lock the rows in their order on disk, not in the id order {@link #lockAll} locks in, so a kept
     * transaction and a locking one (another replica) could deadlock.
     */
    public Set<UUID> writeKept(List<AuctionState> auctions) {
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(WRITE_KEPT)) {
                for (AuctionState a : auctions) {
                    update.setBigDecimal(1, a.currentPrice);
                    update.setLong(2, a.bidCount);
                    update.setInt(3, a.bidderCount);
                    update.setObject(4, a.leaderId);
                    update.setString(5, a.leaderName);
                    update.setLong(6, a.sequence);
                    update.setString(7, a.logHead);
                    update.setObject(8, Jdbc.utc(a.endsAt));
                    update.setString(9, a.status.name());
                    update.setString(10, a.outcome == null ? null : a.outcome.name());
                    update.setObject(11, Jdbc.utc(a.closedAt));
                    update.setObject(12, a.id);
                    update.setLong(13, a.version);
                    update.addBatch();
                }
                int[] counts = update.executeBatch();
                Set<UUID> stale = new HashSet<>();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 0) {
                        stale.add(auctions.get(i).id);
                    }
                }
                if (stale.isEmpty()) {
                    auctions.forEach(a -> a.version++);
                }
                return stale;
            }
        });
    }

    /** Of the auctions with the versions kept, those whose row has another version now. */
    public Set<UUID> moved(Map<UUID, Long> versions) {
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT a.id FROM auction_state a JOIN unnest(?, ?) AS kept(id, version) ON a.id = kept.id
                    WHERE a.version <> kept.version""")) {
                select.setArray(1, connection.createArrayOf("uuid", versions.keySet().toArray()));
                select.setArray(2, connection.createArrayOf("bigint", versions.values().toArray()));
                Set<UUID> moved = new HashSet<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        moved.add(rows.getObject(1, UUID.class));
                    }
                }
                return moved;
            }
        });
    }

    /** Open auctions whose effective end has come. */
    public List<UUID> dueForClosing(Instant now, int limit) {
        return getEntityManager()
                .createQuery("SELECT a.id FROM AuctionState a WHERE a.status = :open AND a.endsAt <= :now ORDER BY a.endsAt",
                        UUID.class)
                .setParameter("open", AuctionState.Status.OPEN)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList();
    }
}
