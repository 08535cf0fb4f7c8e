package dev.gavel.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompilerActivityTest {

    @Test
    void readsTheTimeColumnOfJstat() {
        String out = """
                Compiled Failed Invalid   Time   FailedType FailedMethod
                   18914      2       0   154.20          1 org/example/Thing run
                """;
        assertEquals(154.20, CompilerActivity.parse(out), 1e-9);
    }

    @Test
    void readsADecimalCommaAndAnEmptyFailedMethod() {
        String out = """
                Compiled Failed Invalid   Time   FailedType FailedMethod
                    5918      0       0    30,07          0
                """;
        assertEquals(30.07, CompilerActivity.parse(out), 1e-9);
    }

    @Test
    void saysWhatJstatSaidWhenItIsNotATable() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CompilerActivity.parse("12345 not found"));
        assertTrue(e.getMessage().contains("12345 not found"), e.getMessage());
    }

    @Test
    void measuresThisJvmsCompilers() {
        CompilerActivity activity = new CompilerActivity(Map.of("this", ProcessHandle.current().pid()));
        long sum = 0;
        for (int i = 0; i < 200_000; i++) { // something for the JIT to compile; the figure only has to be sane
            sum += Integer.toString(i).hashCode();
        }
        Map<String, Double> since = activity.sinceLast();
        assertTrue(sum != 0);
        assertEquals(1, since.size());
        assertTrue(since.get("this") >= 0, since.toString());
        assertTrue(CompilerActivity.compileSeconds(ProcessHandle.current().pid()) > 0,
                "a running JVM has compiled something");
    }

    @Test
    void aWarmUpOfIdleRoundsStopsAtItsLeastLength() throws Exception {
        List<Integer> rounds = new ArrayList<>();
        int seconds = CompilerActivity.warmUntilSettled(Map.of("this", ProcessHandle.current().pid()), 60, 300,
                rounds::add);
        assertEquals(60, seconds);
        assertEquals(List.of(30, 30), rounds);
    }

    @Test
    void noWarmUpWhenItsLongestIsZero() throws Exception {
        List<Integer> rounds = new ArrayList<>();
        assertEquals(0, CompilerActivity.warmUntilSettled(Map.of("this", ProcessHandle.current().pid()), 60, 0,
                rounds::add));
        assertEquals(List.of(), rounds);
    }
}
