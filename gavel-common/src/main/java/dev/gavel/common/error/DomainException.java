package dev.gavel.common.error;

import dev.gavel.common.problem.FieldError;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule said no. Services raise it with the {@link Kind} of refusal and a stable {@code code}; they know nothing of
 * HTTP. The REST layer's problem mappers translate the kind into a status and an RFC 9457 body. Nothing the request
 * wanted has been changed when it is thrown inside the service transaction (the transaction rolls back).
 */
public class DomainException extends RuntimeException {

    /** What kind of refusal this is; the REST layer maps each kind to one HTTP status. */
    public enum Kind {
        /** The request itself is wrong (a field, a parameter, a format). */
        INVALID,
        /** Who is asking is not known or not proven. */
        UNAUTHENTICATED,
        /** Known, but not allowed to do this. */
        FORBIDDEN,
        /** The thing does not exist, or is not the caller's to see. */
        NOT_FOUND,
        /** The thing's current state does not allow it. */
        CONFLICT,
        /** Not enough money for it (402, CONTRACT §5b {@code INSUFFICIENT_FUNDS}). */
        PAYMENT_REQUIRED,
        /** Well-formed, but it contradicts an earlier request (e.g. a reused Idempotency-Key). */
        UNPROCESSABLE,
        /** The content is too large. */
        TOO_LARGE,
        /** The content is of a type that is not taken. */
        UNSUPPORTED_TYPE,
        /** Too many attempts: try again after {@link #retryAfter()}. */
        RATE_LIMITED,
        /** A dependency is down: try again after {@link #retryAfter()}. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String code;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private Duration retryAfter;

    public DomainException(Kind kind, String code, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.kind = kind;
        this.code = code;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static DomainException badRequest(String code, String detail) {
        return new DomainException(Kind.INVALID, code, detail, null);
    }

    /** A validation failure naming the fields at fault. */
    public static DomainException invalid(List<FieldError> errors) {
        return new DomainException(Kind.INVALID, "VALIDATION_FAILED", "The request is not valid.", errors);
    }

    public static DomainException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static DomainException unauthorized(String code, String detail) {
        return new DomainException(Kind.UNAUTHENTICATED, code, detail, null);
    }

    public static DomainException forbidden(String code, String detail) {
        return new DomainException(Kind.FORBIDDEN, code, detail, null);
    }

    public static DomainException notFound(String code, String detail) {
        return new DomainException(Kind.NOT_FOUND, code, detail, null);
    }

    public static DomainException conflict(String code, String detail) {
        return new DomainException(Kind.CONFLICT, code, detail, null);
    }

    public static DomainException paymentRequired(String code, String detail) {
        return new DomainException(Kind.PAYMENT_REQUIRED, code, detail, null);
    }

    public static DomainException unprocessable(String code, String detail) {
        return new DomainException(Kind.UNPROCESSABLE, code, detail, null);
    }

    public static DomainException tooLarge(String code, String detail) {
        return new DomainException(Kind.TOO_LARGE, code, detail, null);
    }

    public static DomainException unsupportedType(String code, String detail) {
        return new DomainException(Kind.UNSUPPORTED_TYPE, code, detail, null);
    }

    public static DomainException tooManyRequests(String code, String detail, long retryAfterSeconds) {
        return new DomainException(Kind.RATE_LIMITED, code, detail, null).retryAfter(Duration.ofSeconds(retryAfterSeconds));
    }

    public static DomainException unavailable(String code, String detail, Duration retryAfter) {
        return new DomainException(Kind.UNAVAILABLE, code, detail, null).retryAfter(retryAfter);
    }

    /** Adds an extension member to the problem (e.g. {@code minNextBid}). */
    public DomainException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    /** When trying again makes sense (rate limits, outages). */
    public DomainException retryAfter(Duration after) {
        this.retryAfter = after;
        return this;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return java.util.Collections.unmodifiableMap(extensions);
    }

    /** {@code null} when there is no advice. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
