package dev.gavel.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing the temporary directories of embedded servers and platforms once they have stopped. */
public final class TemporaryDirectories {

    private TemporaryDirectories() {
    }

    /**
     * Deletes {@code directory} and everything in it, as far as it can: what cannot be removed is left to the OS.
     *
     * @return whether the directory is gone
     */
    public static boolean delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // gone already, or unreadable: the check below says which
        }
        return !Files.exists(directory);
    }
}
