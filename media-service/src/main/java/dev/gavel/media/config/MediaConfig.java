package dev.gavel.media.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;

@ConfigMapping(prefix = "gavel.media")
public interface MediaConfig {

    /** Where the filesystem storage keeps the bytes (a Kubernetes volume in production). */
    Path storageDir();

    /** The largest upload accepted (10 MiB). */
    @WithDefault("10485760")
    long maxBytes();

    /** The largest image accepted, in pixels, read from the header before decoding (decompression bombs). */
    @WithDefault("40000000")
    long maxPixels();

    /** Thumbnails fit in a square of this many pixels. */
    @WithDefault("320")
    int thumbnailSize();
}
