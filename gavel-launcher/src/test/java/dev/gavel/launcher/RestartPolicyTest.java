package dev.gavel.launcher;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RestartPolicyTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /**
     * Crashes at the given seconds after T0 (the last one is the one judged): restart or not, after how long.
     */
    @ParameterizedTest(name = "crashes at {0} s -> restart {1} after {2} s")
    @CsvSource(delimiter = ';', value = {
            "0; true; 1",
            "0 10; true; 2",
            "0 10 20; true; 4",
            "0 10 20 30; true; 8",
            "0 10 20 30 40; false; 0",     // five within two minutes: give up
            "0 10 20 100 200; true; 2",     // the early ones left the window: 100 and 200 remain
            "0 300 600 900 1200 1500; true; 1", // one crash every five minutes is restarted forever
            "0 1 2 3; true; 8",
    })
    void restartsWithGrowingBackoffAndGivesUpOnACrashLoop(String at, boolean restart, long afterSeconds) {
        RestartPolicy policy = new RestartPolicy(5, Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofSeconds(30));
        RestartPolicy.Verdict verdict = null;
        for (String second : at.split(" ")) {
            verdict = policy.crashed(T0.plusSeconds(Long.parseLong(second)));
        }
        assertEquals(restart, verdict.restart());
        assertEquals(Duration.ofSeconds(afterSeconds), verdict.after());
    }

    @ParameterizedTest(name = "crash {0} in the window waits {1} s")
    @CsvSource({"1, 1", "2, 2", "5, 16", "6, 30", "9, 30"})
    void theBackoffIsCapped(int crashes, long seconds) {
        RestartPolicy policy = new RestartPolicy(100, Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(30));
        RestartPolicy.Verdict verdict = null;
        for (int i = 0; i < crashes; i++) {
            verdict = policy.crashed(T0.plusSeconds(i));
        }
        assertEquals(Duration.ofSeconds(seconds), verdict.after());
    }
}
