package dev.gavel.common;

import dev.gavel.common.error.DomainException;

import java.util.UUID;

/** Ids in paths are UUIDs; anything else names nothing (404), it is never used to look anything up. */
public final class Ids {

    private Ids() {
    }

    public static UUID parseOrNotFound(String id, String code, String detail) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw DomainException.notFound(code, detail);
        }
    }
}
