package dev.gavel.bidding.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Values as the PostgreSQL driver binds them, for the engine's plain-JDBC writes. */
final class Jdbc {

    private Jdbc() {
    }

    /** A {@code timestamptz} parameter (null stays null). */
    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
