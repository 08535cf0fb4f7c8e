package dev.gavel.common.error;

import java.util.Locale;
import java.util.UUID;

/**
 * How one kind of entity is not found: its stable code ({@code AUCTION_NOT_FOUND}) and its message. Each entity holds
 * one ({@code Auction.NOT_FOUND}), so the problem is built in one place per entity.
 */
public record NotFound(String code, String detail) {

    /** {@code of("auction")}: code {@code AUCTION_NOT_FOUND}, detail "No such auction." */
    public static NotFound of(String entity) {
        return new NotFound(entity.toUpperCase(Locale.ROOT).replace(' ', '_') + "_NOT_FOUND", "No such " + entity + ".");
    }

    public DomainException exception() {
        return DomainException.notFound(code, detail);
    }

    /** An id from a path: a UUID, or the not-found problem (anything else names nothing and is never looked up). */
    public UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw exception();
        }
    }
}
