package dev.gavel.bidding.service;

import dev.gavel.events.SoftClose;

import java.time.Duration;
import java.time.Instant;

/** Soft close (CONTRACT §4): an accepted bid within the window before the end moves the end. A pure rule. */
public final class SoftCloseRule {

    private SoftCloseRule() {
    }

    /**
     * The end after a bid accepted at {@code now}, or {@code null} when the bid does not move it (no soft close, not
     * in the window, or a new end that would not be later).
     */
    public static Instant extendedEnd(SoftClose terms, Instant endsAt, Instant now) {
        if (terms == null || terms.mode() == null) {
            return null;
        }
        if (Duration.between(now, endsAt).compareTo(Duration.parse(terms.window())) > 0) {
            return null;
        }
        Duration extension = Duration.parse(terms.extension());
        Instant newEnd = terms.mode() == SoftClose.Mode.EXTEND ? endsAt.plus(extension) : now.plus(extension);
        return newEnd.isAfter(endsAt) ? newEnd : null;
    }
}
