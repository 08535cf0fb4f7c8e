package dev.gavel.auction.service;

import dev.gavel.auction.Category;
import dev.gavel.common.problem.FieldError;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an auction's {@code attributes} against the definitions of its categories (their own and inherited ones).
 * Pure logic: the definitions come in, the field errors and the cleaned values come out.
 */
public final class AttributeRules {

    public static final int MAX_TEXT = 200;

    private AttributeRules() {
    }

    /** What the check found: the values to store (blank optional ones dropped) or the errors. */
    public record Result(Map<String, Object> values, List<FieldError> errors) {
    }

    /**
     * @param definitions per attribute key, every definition that applies (a key defined by two chosen categories
     *                    must satisfy both)
     */
    public static Result check(Map<String, Object> attributes, Map<String, List<Category.Attribute>> definitions) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<FieldError> errors = new java.util.ArrayList<>();
        Map<String, Object> given = attributes == null ? Map.of() : attributes;
        given.forEach((key, value) -> {
            String field = "attributes." + key;
            List<Category.Attribute> defs = definitions.get(key);
            if (defs == null) {
                errors.add(new FieldError(field, "is not an attribute of the auction's categories"));
                return;
            }
            if (value == null || (value instanceof String s && s.isBlank())) {
                return; // treated as absent; required ones are reported below
            }
            for (Category.Attribute def : defs) {
                String problem = problem(def, value);
                if (problem != null) {
                    errors.add(new FieldError(field, problem));
                    return;
                }
            }
            values.put(key, value instanceof String s ? s.strip() : value);
        });
        definitions.forEach((key, defs) -> {
            Object value = given.get(key);
            boolean present = value != null && !(value instanceof String s && s.isBlank());
            if (!present && defs.stream().anyMatch(d -> d.required)) {
                errors.add(new FieldError("attributes." + key, "is required in this category"));
            }
        });
        return new Result(values, errors);
    }

    private static String problem(Category.Attribute def, Object value) {
        return switch (def.type) {
            case TEXT -> value instanceof String s
                    ? (s.strip().length() > MAX_TEXT ? "must be at most " + MAX_TEXT + " characters" : null)
                    : "must be text";
            case NUMBER -> number(value) ? null : "must be a number";
            case BOOLEAN -> value instanceof Boolean ? null : "must be true or false";
            case ENUM -> value instanceof String s && options(def).contains(s.strip()) ? null
                    : "must be one of " + String.join(", ", options(def));
        };
    }

    private static Collection<String> options(Category.Attribute def) {
        List<String> options = def.optionList();
        return options == null ? List.of() : options;
    }

    private static boolean number(Object value) {
        if (value instanceof Double d) {
            return !d.isNaN() && !d.isInfinite();
        }
        if (value instanceof Float f) {
            return !f.isNaN() && !f.isInfinite();
        }
        return value instanceof Integer || value instanceof Long || value instanceof BigDecimal
                || value instanceof java.math.BigInteger || value instanceof Short;
    }
}
