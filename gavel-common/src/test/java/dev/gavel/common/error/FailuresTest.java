package dev.gavel.common.error;

import com.fasterxml.jackson.core.JsonParseException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailuresTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                // a dependency is down or busy: worth waiting for
                Arguments.of("connection refused", new ConnectException("Connection refused"), true),
                Arguments.of("PostgreSQL refuses connections (08001)", new SQLException("Connection to localhost refused", "08001"), true),
                Arguments.of("PostgreSQL shutting down (57P01)", new SQLException("terminating connection due to administrator command", "57P01"), true),
                Arguments.of("PostgreSQL starting up (57P03)", new SQLException("the database system is starting up", "57P03"), true),
                Arguments.of("too many connections (53300)", new SQLException("too many clients", "53300"), true),
                Arguments.of("serialization failure (40001)", new SQLException("could not serialize", "40001"), true),
                Arguments.of("deadlock (40P01)", new SQLException("deadlock detected", "40P01"), true),
                Arguments.of("pool acquisition timeout (no state)", new SQLException("Acquisition timeout while waiting for new connection"), true),
                Arguments.of("Hibernate lost its connection", new JDBCConnectionException("Unable to acquire JDBC Connection",
                        new SQLException("refused", "08001")), true),
                Arguments.of("wrapped deep in a completion", new CompletionException(new RuntimeException(
                        new SQLException("I/O error", "08006"))), true),
                Arguments.of("a commit cut off by a database shutdown (suppressed XAException)", commitCutOff(), true),
                Arguments.of("a DomainException that says unavailable", DomainException.unavailable("X", "down", Duration.ofSeconds(1)), true),
                // the work itself is wrong: trying again changes nothing
                Arguments.of("unique violation (23505)", new ConstraintViolationException("duplicate",
                        new SQLException("duplicate key", "23505"), "uk"), false),
                Arguments.of("check violation (23514)", new SQLException("violates check", "23514"), false),
                Arguments.of("syntax error (42601)", new SQLException("syntax error", "42601"), false),
                Arguments.of("unreadable JSON", new JsonParseException(null, "Unexpected character"), false),
                Arguments.of("a rule said no", DomainException.conflict("TAKEN", "taken"), false),
                Arguments.of("a bug", new NullPointerException(), false),
                Arguments.of("invalid argument", new IllegalArgumentException("bad"), false));
    }

    /** What Narayana throws when the connection dies in the commit: the reason is suppressed, not the cause. */
    static Throwable commitCutOff() {
        Exception rollback = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        Exception xa = new Exception("Error trying to transactionCommit local transaction",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        rollback.addSuppressed(xa);
        return new RuntimeException("Error invoking subclass method", rollback);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void tellsDependencyFailuresFromBadWork(String name, Throwable failure, boolean transientFailure) {
        assertEquals(transientFailure, Failures.isTransient(failure));
    }
}
