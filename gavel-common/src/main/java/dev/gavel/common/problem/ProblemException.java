package dev.gavel.common.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule said no: thrown by services, turned into problem+json by {@link ProblemMappers}. Nothing the request wanted
 * has been changed when it is thrown inside the service transaction (the transaction rolls back).
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final String code;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(int status, String title, String code, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.code = code;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ProblemException badRequest(String code, String detail) {
        return new ProblemException(400, "Bad Request", code, detail, null);
    }

    /** A validation failure naming the fields at fault. */
    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(400, "Bad Request", "VALIDATION_FAILED", "The request is not valid.", errors);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ProblemException unauthorized(String code, String detail) {
        return new ProblemException(401, "Unauthorized", code, detail, null);
    }

    public static ProblemException forbidden(String code, String detail) {
        return new ProblemException(403, "Forbidden", code, detail, null);
    }

    public static ProblemException notFound(String code, String detail) {
        return new ProblemException(404, "Not Found", code, detail, null);
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(409, "Conflict", code, detail, null);
    }

    public static ProblemException unprocessable(String code, String detail) {
        return new ProblemException(422, "Unprocessable Content", code, detail, null);
    }

    /** Adds an extension member to the problem (e.g. {@code minNextBid}). */
    public ProblemException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    /** Adds a response header (e.g. {@code Retry-After}). */
    public ProblemException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public static ProblemException tooManyRequests(String code, String detail, long retryAfterSeconds) {
        return new ProblemException(429, "Too Many Requests", code, detail, null)
                .withHeader("Retry-After", String.valueOf(retryAfterSeconds));
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Problem toProblem(String instance) {
        return new Problem(status, title, getMessage(), instance, code, errors, extensions);
    }
}
