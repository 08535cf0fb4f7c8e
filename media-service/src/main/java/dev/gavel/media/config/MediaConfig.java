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

    /**
     * The largest decoded raster an upload may describe (width x height x bytes per pixel, read from the header): a
     * small file can decode to hundreds of megabytes (a 16-bit RGBA PNG of 6300 x 6300 is 317 MB). Above it the
     * upload is refused before anything is decoded.
     */
    @WithDefault("268435456")
    long maxDecodedBytes();

    /**
     * The largest raster held while processing one upload (48 MiB). An image that would decode to more is decoded
     * with subsampling (every n-th pixel of every n-th row) and stored at that smaller size.
     */
    @WithDefault("50331648")
    long rasterBudget();

    /** Uploads decoded at the same time; one more waits {@code decodeWait}, then gets 503 with Retry-After. */
    @WithDefault("2")
    int maxConcurrentDecodes();

    @WithDefault("2s")
    java.time.Duration decodeWait();

    /** Thumbnails fit in a square of this many pixels. */
    @WithDefault("320")
    int thumbnailSize();
}
