package dev.gavel.gateway.repository;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The rows of many users in one query, as a Kafka poll of the inbox needs them (JDBC array, on the transaction's own
 * connection): {@code sql} selects {@code user_id} first and has one parameter, {@code user_id = ANY (?)}.
 */
final class UserRows {

    /** Reads one row, past its {@code user_id}. */
    interface Reader<V> {
        V read(ResultSet row) throws SQLException;
    }

    private UserRows() {
    }

    static <V> Map<UUID, V> of(EntityManager em, String sql, Collection<UUID> userIds, Reader<V> reader) {
        Map<UUID, V> found = new HashMap<>();
        if (userIds.isEmpty()) {
            return found;
        }
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setArray(1, connection.createArrayOf("uuid", userIds.toArray()));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.put(rows.getObject(1, UUID.class), reader.read(rows));
                    }
                }
                return found;
            }
        });
    }
}
