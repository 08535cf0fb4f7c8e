package dev.gavel.media.service;

import dev.gavel.common.error.DomainException;
import dev.gavel.media.config.MediaConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code gavel.media.max-concurrent-decodes} uploads are decoded at once, so the heap holds a bounded number of
 * rasters. An upload that cannot start within {@code gavel.media.decode-wait} is answered 503 with Retry-After
 * ({@code MEDIA_BUSY}): never an OutOfMemoryError that would take every other request down with it.
 */
@ApplicationScoped
public class DecodeGate {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final Semaphore permits;
    private final Duration wait;

    @jakarta.inject.Inject
    public DecodeGate(MediaConfig config) {
        this(config.maxConcurrentDecodes(), config.decodeWait());
    }

    DecodeGate(int permits, Duration wait) {
        this.permits = new Semaphore(permits, true);
        this.wait = wait;
    }

    public <T> T decode(Callable<T> work) throws Exception {
        if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw DomainException.unavailable("MEDIA_BUSY",
                    "Too many images are being processed right now; try again shortly.", RETRY_AFTER);
        }
        try {
            return work.call();
        } finally {
            permits.release();
        }
    }
}
