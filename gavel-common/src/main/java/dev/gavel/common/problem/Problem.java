package dev.gavel.common.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}): {@code type, title, status, detail, instance} plus
 * Gavel's {@code code} (machine readable, e.g. {@code BID_TOO_LOW}), {@code errors} for validation and any
 * extension members (e.g. {@code minNextBid}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "code", "errors"})
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://gavel.dev/problems/";

    private final String type;
    private final String title;
    private final int status;
    private final String detail;
    private final String instance;
    private final String code;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public Problem(int status, String title, String detail, String instance, String code, List<FieldError> errors,
            Map<String, Object> extensions) {
        this.type = code == null ? "about:blank" : TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-');
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.instance = instance;
        this.code = code;
        this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
        this.extensions = extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
    }

    public String getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return detail;
    }

    public String getInstance() {
        return instance;
    }

    public String getCode() {
        return code;
    }

    public List<FieldError> getErrors() {
        return errors;
    }

    @JsonAnyGetter
    public Map<String, Object> getExtensions() {
        return extensions;
    }
}
