package dev.gavel.events;

/**
 * Soft-close terms: an accepted bid within {@code window} of the end moves the end (EXTEND: end + extension, RESET:
 * now + extension). Durations are ISO-8601 texts such as {@code PT60S}, as in the contract.
 */
public record SoftClose(String window, String extension, Mode mode) {

    public enum Mode { EXTEND, RESET }
}
