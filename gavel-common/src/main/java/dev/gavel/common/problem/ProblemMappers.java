package dev.gavel.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gavel.common.error.DomainException;
import dev.gavel.common.error.Failures;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every error a REST endpoint can raise into RFC 9457 {@code application/problem+json}: never an HTML page,
 * never a stack trace, never a 5xx for bad input.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** How long a client should wait before retrying when a dependency is down (a restart takes seconds). */
    static final java.time.Duration DEPENDENCY_RETRY = java.time.Duration.ofSeconds(2);

    @ServerExceptionMapper
    public Response problem(DomainException e, UriInfo uri) {
        Response.ResponseBuilder builder = Response.status(status(e.kind()));
        headersOf(e).forEach(builder::header);
        return builder.type(Problem.MEDIA_TYPE).entity(problemOf(e, path(uri))).build();
    }

    /**
     * The body a refusal is answered with at {@code path}; a route outside Quarkus REST answers with it too, with the
     * status of {@link #status(DomainException.Kind)} and the headers of {@link #headersOf}.
     */
    public static Problem problemOf(DomainException e, String path) {
        int status = status(e.kind());
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = status == 413 ? "Content Too Large" : status == 422 ? "Unprocessable Content"
                : type.getReasonPhrase();
        return new Problem(status, title, e.getMessage(), path, e.code(), e.errors(), e.extensions());
    }

    /**
     * The headers a refusal is answered with besides its content type: {@code WWW-Authenticate: Bearer} on 401, and
     * {@code Retry-After} in whole seconds (at least 1) when it has a {@code retryAfter}.
     */
    public static java.util.Map<String, String> headersOf(DomainException e) {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>(2);
        if (status(e.kind()) == 401) {
            headers.put(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (e.retryAfter() != null) {
            headers.put(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
        }
        return headers;
    }

    /** 413 {@code BODY_TOO_LARGE}: the HTTP layer stopped a body without a declared length at the size limit. */
    public static DomainException bodyTooLarge() {
        return DomainException.tooLarge("BODY_TOO_LARGE", "The request body is larger than this endpoint accepts.");
    }

    /**
     * What a failure that is not a refusal is answered with, as a refusal: a dependency that is down (see
     * {@link Failures}) is 503 {@code SERVICE_UNAVAILABLE} with {@code Retry-After}; {@code null} for anything else,
     * which is a bug (the only 500). Logged as {@link #unexpected} logs it.
     */
    public static DomainException unavailableOrNull(Throwable e) {
        if (Failures.isTransient(e)) {
            LOG.warnf("a dependency is unavailable: %s", rootMessage(e));
            return DomainException.unavailable("SERVICE_UNAVAILABLE",
                    "A service this request needs is unavailable at the moment. Try again shortly.", DEPENDENCY_RETRY);
        }
        LOG.error("unexpected error", e);
        return null;
    }

    /** The one place where a kind of refusal becomes an HTTP status. */
    public static int status(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case PAYMENT_REQUIRED -> 402;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_TYPE -> 415;
            case UNPROCESSABLE -> 422;
            case RATE_LIMITED -> 429;
            case UNAVAILABLE -> 503;
        };
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .collect(Collectors.toList());
        return problem(DomainException.invalid(errors), uri);
    }

    /** Quarkus REST has its own mapper for mismatched input; this one wins by priority and answers problem+json. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping ? jsonPath(mapping) : null;
        String detail = "The request body is not valid JSON for this endpoint" + (field == null ? "." : " (field " + field + ").");
        List<FieldError> errors = field == null ? List.of() : List.of(new FieldError(field, "has the wrong type or format"));
        return problem(new DomainException(DomainException.Kind.INVALID, "MALFORMED_REQUEST", detail, errors), uri);
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return problem(DomainException.unauthorized("UNAUTHORIZED", "A valid access token is required."), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(DomainException.forbidden("FORBIDDEN", "You are not allowed to do this."), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        String detail = status >= 500 ? "The server could not complete the request." : clientDetail(e, status, title);
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(status, title, detail, path(uri), null, null, null));
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    /** The HTTP layer stopped a body that went over the size limit while it streamed in (no Content-Length). */
    @ServerExceptionMapper
    public Response unreadableBody(java.io.IOException e, UriInfo uri) {
        if (e.getMessage() != null && e.getMessage().contains("too large")) {
            return problem(bodyTooLarge(), uri);
        }
        return unexpected(e, uri);
    }

    /**
     * The last resort. A dependency that is down (database, broker, another service: see {@link Failures}) is 503
     * with {@code Retry-After}; anything else is a bug and the only 500.
     */
    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        DomainException unavailable = unavailableOrNull(e);
        if (unavailable != null) {
            return problem(unavailable, uri);
        }
        return Response.status(500).type(Problem.MEDIA_TYPE).entity(internalError(path(uri))).build();
    }

    /** The body of the only 500: a bug, with nothing of it told to the client. */
    public static Problem internalError(String path) {
        return new Problem(500, "Internal Server Error", "The server could not complete the request.", path,
                "INTERNAL_ERROR", null, null);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String clientDetail(WebApplicationException e, int status, String title) {
        String message = e.getMessage();
        if (message == null || message.startsWith("HTTP " + status)) {
            return title + ".";
        }
        return message;
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    /** {@code create.body.title} (method, parameter, property) becomes {@code title}. */
    static String fieldName(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER && names.isEmpty()) {
                names.add(node.getName());
                continue;
            }
            // an element of a list carries its index on the node after the list: "photos[1].mediaId"
            if (node.isInIterable() && node.getIndex() != null && !names.isEmpty()) {
                names.set(names.size() - 1, names.get(names.size() - 1) + "[" + node.getIndex() + "]");
            }
            String name = node.getName();
            if (name != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                names.add(name);
            }
        }
        if (names.size() > 1) {
            names.remove(0); // the parameter name of a validated request body
        }
        return names.isEmpty() ? "request" : String.join(".", names);
    }

    private static String jsonPath(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return path.isEmpty() ? null : path;
    }
}
