package dev.gavel.media.service;

import dev.gavel.common.error.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecodeGateTest {

    @Test
    void aDecodeOverTheCapIsRefusedWithRetryAfterAndTheNextOneRuns() throws Exception {
        DecodeGate gate = new DecodeGate(1, Duration.ofMillis(50));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.decode(() -> {
                    inside.countDown();
                    assertTrue(release.await(10, TimeUnit.SECONDS));
                    return "first";
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(inside.await(10, TimeUnit.SECONDS));

        DomainException busy = assertThrows(DomainException.class, () -> gate.decode(() -> "second"));
        assertEquals(DomainException.Kind.UNAVAILABLE, busy.kind());
        assertEquals("MEDIA_BUSY", busy.code());
        assertEquals(Duration.ofSeconds(2), busy.retryAfter());

        release.countDown();
        assertEquals("first", first.get(10, TimeUnit.SECONDS));
        assertEquals("third", gate.decode(() -> "third"));
    }

    @Test
    void subsamplingIsTheSmallestStepThatFits() {
        assertEquals(1, ImageProcessor.subsampling(48, 48));
        assertEquals(2, ImageProcessor.subsampling(49, 48));
        assertEquals(2, ImageProcessor.subsampling(192, 48));
        assertEquals(3, ImageProcessor.subsampling(193, 48));
    }
}
