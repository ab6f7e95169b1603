package dev.portbench.simulation;

import dev.portbench.runfolder.SimulationFile;
import dev.portbench.workload.Workloads;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The derived numbers of a {@link SimulationResult}, on results written by hand (no simulation):
 * the success fractions, the first failure in seconds at and around 0, the summary's optional
 * fields, and the per-window series' time axis when the last window is cut short by the duration.
 */
class SimulationResultTest {

    private static final long S = 1_000_000_000L;

    /** Five seconds in 2 s windows: the last window ends at the duration, 5 s, not at 6 s. */
    private static final SimulationParams PARAMS = new SimulationParams(Workloads.q170791(1.0), 5 * S, 2 * S, 5 * S, 0, 0, 0);

    private static SimulationResult result(long attempts, long successes, long reclaims, long firstFailureNanos) {
        return new SimulationResult("ring", PARAMS, 9, attempts, successes, attempts - successes, reclaims, reclaims / 2,
                firstFailureNanos, new long[] {4, 0, 5}, new long[] {3, 0, 1}, new int[] {1, 2, 3}, new int[] {4, 5, 6},
                new int[] {7, 8, 9}, 42, 7, 123);
    }

    @Test
    void successIsSuccessesOverAttemptsAndOneWithoutAttempts() {
        assertEquals(0.75, result(8, 6, 0, -1).successFraction());
        assertEquals(1.0, result(0, 0, 0, -1).successFraction());
        assertEquals(0.0, result(3, 0, 0, 0).successFraction());
        SimulationResult r = result(9, 4, 0, -1);
        assertEquals(0.75, r.windowSuccess(0));
        assertEquals(1.0, r.windowSuccess(1), "a window without attempts");
        assertEquals(0.2, r.windowSuccess(2));
        // the phase ends at 5 s: windows 0 and 1 whole, the second half is window 1 alone, which had no attempts
        assertEquals(1.0, r.steadySuccess());
    }

    @Test
    void theFirstFailureIsInSecondsAndAbsentOnlyWhenNegative() {
        assertTrue(Double.isNaN(result(1, 1, 0, -1).firstFailureSeconds()));
        assertEquals(0.0, result(1, 0, 0, 0).firstFailureSeconds(), "a failure at instant 0 is a failure");
        assertEquals(1.5, result(1, 0, 0, 3 * S / 2).firstFailureSeconds());
        assertNull(result(1, 1, 0, -1).outcome().firstFailureSeconds());
        assertEquals(0.0, result(1, 0, 0, 0).outcome().firstFailureSeconds());
        assertEquals(2.25, result(1, 0, 0, 9 * S / 4).outcome().firstFailureSeconds());
    }

    @Test
    void theSummaryCarriesEveryCountAndTheReclaimsOnlyWhenThereWereAny() {
        SimulationFile.Outcome none = result(8, 6, 0, -1).outcome();
        assertEquals("ring", none.allocator());
        assertEquals(9, none.arrivals());
        assertEquals(8, none.attempts());
        assertEquals(6, none.successes());
        assertEquals(2, none.failures());
        assertEquals(0.75, none.successFraction());
        assertEquals(1.0, none.steadySuccess());
        assertEquals(42, none.events());
        assertEquals(7, none.maxLatenessNanos());
        assertNull(none.reclaims());
        assertNull(none.reclaimedInTimeWait());
        SimulationFile.Outcome one = result(8, 6, 1, -1).outcome();
        assertEquals(1L, one.reclaims());
        assertEquals(0L, one.reclaimedInTimeWait());
        SimulationFile.Outcome four = result(8, 6, 4, -1).outcome();
        assertEquals(4L, four.reclaims());
        assertEquals(2L, four.reclaimedInTimeWait());
        assertEquals(0.333333, result(3, 1, 0, -1).outcome().successFraction(), "rounded to six decimals");
    }

    @Test
    void theSeriesEndsEachWindowAtItsEndOrAtTheDuration() {
        SimulationFile.Series s = result(9, 4, 0, -1).series();
        assertEquals(2.0, s.windowSeconds());
        assertArrayEquals(new double[] {2.0, 4.0, 5.0}, s.timeSeconds());
        assertArrayEquals(new long[] {4, 0, 5}, s.attempts());
        assertArrayEquals(new double[] {0.75, 1.0, 0.2}, s.success());
        assertArrayEquals(new int[] {1, 2, 3}, s.inUse());
        assertArrayEquals(new int[] {4, 5, 6}, s.timeWait());
        assertArrayEquals(new int[] {7, 8, 9}, s.free());
    }
}
