package dev.gavel.launcher;

/** Gavel could not start: the message says what and why, for a person to read. */
public class PlatformException extends RuntimeException {

    public PlatformException(String message) {
        super(message);
    }

    public PlatformException(String message, Throwable cause) {
        super(message, cause);
    }
}
