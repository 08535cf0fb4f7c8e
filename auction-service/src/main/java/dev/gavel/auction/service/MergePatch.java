package dev.gavel.auction.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gavel.common.error.DomainException;
import dev.gavel.common.problem.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A JSON merge patch (RFC 7396) of an auction: which fields it may name, and how it applies. Pure: no state, no I/O.
 */
public final class MergePatch {

    /** What a PATCH may change any time before the close ... */
    static final Set<String> CONTENT = Set.of("title", "description", "categoryIds", "attributes", "location",
            "photos");
    /** ... and only while nobody has bid. */
    static final Set<String> TERMS = Set.of("type", "currency", "startingPrice", "reservePrice", "buyNowPrice",
            "minIncrement", "softClose", "startsAt", "endsAt", "depositRequired");
    /** Fields of the auction that nobody edits: they belong to the engine or to the platform. */
    static final Set<String> READ_ONLY = Set.of("id", "sellerId", "reserveMet", "status", "outcome",
            "currentPrice", "bidCount", "leadingBidder", "winnerId", "finalPrice", "createdAt", "updatedAt");

    private MergePatch() {
    }

    /**
     * The patch as an object whose members are all editable fields of an auction.
     *
     * @throws DomainException INVALID for a body that is no object or names an unknown field; CONFLICT for a field
     *         that nobody edits
     */
    public static ObjectNode checked(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw DomainException.badRequest("MALFORMED_REQUEST", "A PATCH body is a JSON object of the fields to change.");
        }
        List<FieldError> unknown = new ArrayList<>();
        List<String> readOnly = new ArrayList<>();
        patch.fieldNames().forEachRemaining(name -> {
            if (READ_ONLY.contains(name)) {
                readOnly.add(name);
            } else if (!CONTENT.contains(name) && !TERMS.contains(name)) {
                unknown.add(new FieldError(name, "is not a field of an auction"));
            }
        });
        if (!unknown.isEmpty()) {
            throw DomainException.invalid(unknown);
        }
        if (!readOnly.isEmpty()) {
            throw DomainException.conflict("FIELD_NOT_EDITABLE", "These fields are not edited by the seller: "
                    + String.join(", ", readOnly) + ".");
        }
        return (ObjectNode) patch;
    }

    /** RFC 7396: null removes a member, an object merges into the stored object, anything else replaces. */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        patch.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), apply(result.get(e.getKey()), e.getValue()));
            }
        });
        return result;
    }
}
