package dev.gavel.media.storage;

import java.io.IOException;
import java.util.Optional;

/**
 * Content-addressed blob storage: bytes are stored and found by their SHA-256 (lower-case hex), never by a name a
 * user chose. The filesystem implementation is the default; an S3-compatible one can implement the same interface.
 */
public interface MediaStorage {

    /** Stores the bytes under their hash; storing the same bytes twice is harmless. */
    void put(String sha256, byte[] bytes) throws IOException;

    /** The bytes, if stored. */
    Optional<byte[]> get(String sha256) throws IOException;

    void delete(String sha256) throws IOException;
}
