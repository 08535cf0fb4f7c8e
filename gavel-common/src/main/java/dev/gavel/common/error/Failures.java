package dev.gavel.common.error;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure of a dependency (the database, the broker, another service: down, restarting, overloaded, too
 * slow) from a failure of the work itself (bad content, a broken rule, a bug). The first is worth waiting for and is
 * answered 503 with {@code Retry-After}; the second is not going to change by trying again.
 */
public final class Failures {

    /** SQLSTATE classes of a lost or refused connection, of a server out of resources or shutting down. */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "53", "57", "58", "HV");
    /** Serialization failure, deadlock, lock not available, query cancelled by a timeout. */
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "55P03", "57014");
    /** Checked by name: the libraries are not on every module's class path. */
    private static final Set<String> TRANSIENT_TYPES = Set.of(
            "org.hibernate.exception.JDBCConnectionException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.PessimisticLockException",
            "org.hibernate.QueryTimeoutException",
            "jakarta.persistence.LockTimeoutException",
            "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.QueryTimeoutException",
            "org.apache.kafka.common.errors.RetriableException",
            "org.apache.kafka.common.errors.TimeoutException",
            "org.apache.kafka.common.errors.DisconnectException",
            "io.vertx.core.http.StreamResetException",
            "io.netty.channel.ConnectTimeoutException",
            "jakarta.ws.rs.ProcessingException");

    private Failures() {
    }

    /**
     * True when anything on the cause chain, or suppressed along it, says a dependency failed, not the work. (A
     * commit that fails because the connection broke is a {@code RollbackException} whose reason is a suppressed
     * {@code XAException}: the outcome is unknown, and a client repeating its Idempotency-Key learns it.)
     */
    public static boolean isTransient(Throwable failure) {
        return isTransient(failure, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static boolean isTransient(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return false;
        }
        if (t instanceof DomainException domain) {
            return domain.kind() == DomainException.Kind.UNAVAILABLE;
        }
        if (t instanceof SQLException sql && isTransientSql(sql)) {
            return true;
        }
        if (t instanceof ConnectException || t instanceof SocketTimeoutException
                || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                || t instanceof SocketException || t instanceof TimeoutException) {
            return true;
        }
        if (isA(t, TRANSIENT_TYPES) || isUnavailableStatus(t)) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (isTransient(suppressed, seen)) {
                return true;
            }
        }
        return isTransient(t.getCause(), seen);
    }

    private static boolean isTransientSql(SQLException sql) {
        if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException) {
            return true;
        }
        String state = sql.getSQLState();
        if (state == null) {
            // the connection pool's own refusals (acquisition timeout, pool closed) carry no state
            String message = String.valueOf(sql.getMessage()).toLowerCase();
            return message.contains("acquisition timeout") || message.contains("connection")
                    || message.contains("timed out");
        }
        return TRANSIENT_SQL_STATES.contains(state) || (state.length() >= 2 && TRANSIENT_SQL_CLASSES.contains(state.substring(0, 2)));
    }

    /** Another service answered 502, 503 or 504 (a REST client's WebApplicationException). */
    private static boolean isUnavailableStatus(Throwable t) {
        if (t instanceof jakarta.ws.rs.WebApplicationException web && web.getResponse() != null) {
            int status = web.getResponse().getStatus();
            return status == 502 || status == 503 || status == 504;
        }
        return false;
    }

    private static boolean isA(Throwable t, Set<String> names) {
        for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
            if (names.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }
}
