package dev.gavel.bidding.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What differs between the model's answer and the engine's, field by field (amounts compared by value). */
public final class Differences {

    private final List<String> found = new ArrayList<>();

    public Differences same(String what, Object expected, Object actual) {
        boolean equal = expected instanceof BigDecimal e && actual instanceof BigDecimal a ? e.compareTo(a) == 0
                : Objects.equals(expected, actual);
        if (!equal) {
            found.add(what + " should be " + expected + ", not " + actual);
        }
        return this;
    }

    public void add(String difference) {
        found.add(difference);
    }

    /** {@code null} when nothing differs, else what the request was and what differs. */
    public String of(String request) {
        return found.isEmpty() ? null : request + ": " + String.join("; ", found);
    }

    /** An amount in cents as money (two decimals); null stays null. */
    public static BigDecimal money(Long cents) {
        return cents == null ? null : BigDecimal.valueOf(cents, 2);
    }
}
