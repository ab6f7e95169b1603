package dev.portbench.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Argument errors name the argument and what was expected; nothing runs. */
class PortBenchTest {

    private static void rejects(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PortBench.run(args));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should contain '" + expected + "'");
    }

    @Test
    void badArgumentsAreRejectedBeforeAnythingRuns() {
        rejects("--profile: 'fast' (expected smoke, quick or full)", "run", "--profile", "fast");
        rejects("--allocators: 'btree'", "run", "--allocators", "fifo,btree");
        rejects("--workloads: 'q170791'", "run", "--workloads", "q170791");
        rejects("--jvm: '/nonexistent/java'", "run", "--jvm", "/nonexistent/java");
        rejects("unknown option --forks", "run", "--forks", "3");
        rejects("--profile: missing value", "run", "--profile");
        rejects("unknown command 'bench'", "bench");
        rejects("compare: 1 run folders given", "compare", "a");
        rejects("--periods: '-4' (expected a positive integer)", "simulate", "--periods", "-4");
        rejects("not a run folder", "report", "/nonexistent/run");
    }

    @Test
    void profilesEstimateTheirDuration() {
        // the quick profile must fit the promise of ten minutes, build included, for the whole suite
        int benchmarks = 8 * 10 + 10 + 8 + 8; // replay, harness, burst, one per selection policy
        assertTrue(Profile.QUICK.estimateSeconds(benchmarks) < 8 * 60, "quick: " + Profile.QUICK.estimateSeconds(benchmarks));
        assertTrue(Profile.FULL.forks >= 3);
        assertTrue(Profile.SMOKE.estimateSeconds(31) < 90);
        assertEquals("quick", Profile.fromId("quick").id());
    }

    @Test
    void durationsReadForHumans() {
        assertEquals("42 s", PortBench.duration(42.2));
        assertEquals("6 min 05 s", PortBench.duration(365));
    }
}
