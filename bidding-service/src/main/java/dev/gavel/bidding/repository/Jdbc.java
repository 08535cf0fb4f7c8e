package dev.gavel.bidding.repository;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/** Values as the PostgreSQL driver binds them, for the engine's plain-JDBC writes. */
final class Jdbc {

    private Jdbc() {
    }

    /** A {@code timestamptz} parameter (null stays null). */
    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * One column of the rows as a {@code text[]} parameter, which the statement casts to the column's array type
     * ({@code ?::numeric[]}): a write of many rows binds one array per column ({@code unnest}) and runs one statement
     * instead of one per row. Nulls stay null; amounts are written in plain notation, instants in ISO 8601 (UTC).
     */
    static <T> Array column(Connection connection, List<T> rows, Function<T, Object> value) throws SQLException {
        String[] texts = new String[rows.size()];
        for (int i = 0; i < texts.length; i++) {
            Object v = value.apply(rows.get(i));
            texts[i] = v == null ? null : v instanceof BigDecimal amount ? amount.toPlainString() : v.toString();
        }
        return connection.createArrayOf("text", texts);
    }
}
