package dev.portbench.calibration;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outages, recovery and success fraction from attempt instants and outcomes. */
class OutcomeMetricsTest {

    private static final long S = 1_000_000_000L;

    @Test
    void outagesAreRunsOfFailuresEndedByTheNextSuccess() {
        long[] t = {10 * S, 11 * S, 12 * S, 13 * S, 14 * S, 15 * S, 16 * S, 17 * S};
        boolean[] ok = {true, true, false, false, true, true, false, false};
        OutcomeMetrics m = OutcomeMetrics.of(t, new int[8], 1, ok, 10 * S);
        assertEquals(8, m.attempts());
        assertEquals(4, m.successes());
        assertEquals(0.5, m.successFraction());
        assertEquals(2.0, m.firstFailureSeconds());
        assertEquals(4.0, m.firstOutageEndSeconds());
        assertEquals(4.0, m.recoverySeconds(), "the only closed outage");
        assertEquals(0.5, m.sustainedRecovery(), "2 of the 4 attempts from recovery on");
        assertEquals(2, m.outages().size());
        assertEquals(new OutcomeMetrics.Outage(2, 4, 2, 1, false), m.outages().get(0));
        assertEquals(new OutcomeMetrics.Outage(6, 7, 2, 1, true), m.outages().get(1));
    }

    @Test
    void recoveryIsTheEndOfTheFirstOutageOfEveryDestinationNotOfABlip() {
        long[] t = {0, S, 2 * S, 3 * S, 4 * S, 60 * S, 61 * S};
        int[] d = {0, 1, 0, 1, 0, 1, 0};
        boolean[] ok = {true, false, true, false, false, true, true};
        OutcomeMetrics m = OutcomeMetrics.of(t, d, 2, ok, 0);
        assertEquals(1.0, m.firstFailureSeconds());
        assertEquals(2.0, m.firstOutageEndSeconds(), "one destination ran dry an attempt early");
        assertEquals(60.0, m.recoverySeconds(), "the wait for TIME-WAIT");
        assertEquals(1.0, m.sustainedRecovery());
    }

    @Test
    void noFailureMeansNoFirstFailureAndNoRecovery() {
        OutcomeMetrics m = OutcomeMetrics.of(new long[] {0, 1}, new int[2], 1, new boolean[] {true, true}, 0);
        assertTrue(Double.isNaN(m.firstFailureSeconds()));
        assertTrue(Double.isNaN(m.recoverySeconds()));
        assertTrue(m.outages().isEmpty());
        OutcomeMetrics never = OutcomeMetrics.of(new long[] {0, S}, new int[2], 1, new boolean[] {true, false}, 0);
        assertTrue(never.outages().get(0).open());
        assertTrue(Double.isNaN(never.recoverySeconds()));
        assertThrows(IllegalArgumentException.class, () -> OutcomeMetrics.of(new long[1], new int[1], 1, new boolean[2], 0));
        assertThrows(IllegalArgumentException.class, () -> OutcomeMetrics.of(new long[1], new int[] {1}, 1, new boolean[1], 0));
    }

    @Test
    void checksCompareWithinTolerance() {
        assertTrue(MetricCheck.of("first failure", "s", 40.0, 40.05, 0.1).met());
        assertFalse(MetricCheck.of("first failure", "s", 40.0, 40.2, 0.1).met());
        assertTrue(MetricCheck.of("recovery", "s", Double.NaN, Double.NaN, 2).met());
        assertFalse(MetricCheck.of("recovery", "s", 61, Double.NaN, 2).met());
        assertEquals(-0.004, MetricCheck.of("success fraction", "fraction", 0.7, 0.696, 0.005).difference(), 1e-12);
    }
}
