package dev.portbench.calibration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Port-choice shares, per-destination outage matching and the close log, on hand-made cases. */
class PortChoiceAndOutagesTest {

    private static final long S = 1_000_000_000L;

    @Test
    void portChoiceCountsEvenOffsetsAndSmallStepsBeforeTheFirstFailure() {
        int n = 60;
        int[] ports = new int[n + 1];
        int[] dest = new int[n + 1];
        for (int i = 0; i < n; i++) {
            ports[i] = 40000 + (i < 30 ? 2 * i : 100 + 4 * i);
        }
        ports[n] = -1;
        PortChoice c = PortChoice.of(ports, dest, 1, 40000);
        assertEquals(60, c.connects());
        assertEquals(1.0, c.evenShare());
        assertEquals(59, c.steps());
        assertEquals(29.0 / 59, c.smallStepShare(), 1e-12, "29 steps of 2, then one jump and steps of 4");
        assertTrue(Double.isNaN(PortChoice.of(new int[] {40000, 40002}, new int[2], 1, 40000).evenShare()),
                "too few samples: NaN");
    }

    @Test
    void outagesAreMatchedPerDestinationOneByOne() {
        long[] t = new long[12];
        int[] d = new int[12];
        for (int i = 0; i < 12; i++) {
            t[i] = i * S;
            d[i] = i % 2;
        }
        boolean[] kernel = {true, true, false, true, false, true, true, true, false, true, true, true};
        // destination 0 (even attempts): kernel fails at 2, 4, 8; the model at 2, 4 and 10 instead of 8
        boolean[] model = {true, true, false, true, false, true, true, true, true, true, false, true};
        OutageMatch m = OutageMatch.of(t, d, 2, kernel, model, 0, 0.1);
        assertEquals(2, m.kernelCount(), "destination 0: 2-4 s is one outage (ended at 6 s), then 8 s");
        assertEquals(2, m.modelCount());
        assertEquals(2.0, m.worstStartSeconds(), 1e-12, "second outage: kernel 8 s, model 10 s");
        assertEquals(1, m.mismatches().size(), m.mismatches().toString());
        OutageMatch same = OutageMatch.of(t, d, 2, kernel, kernel, 0, 0.1);
        assertEquals(0.0, same.worstEndSeconds());
        assertTrue(same.mismatches().isEmpty());
    }

    @Test
    void theCloseLogRoundTripsAndOldFoldersReadAsClosedAtOnce(@TempDir Path tmp) {
        AttemptLog log = new AttemptLog();
        log.add(10, 0, AttemptLog.OK, 40000);
        log.add(20, 0, "EADDRNOTAVAIL", 0);
        log.add(30, 0, AttemptLog.OK, 40002);
        CloseLog closes = new CloseLog();
        closes.add(0, 15, false);
        closes.add(2, 31, true);
        Path f = tmp.resolve(CloseLog.FILE);
        closes.write(f);
        CloseLog back = CloseLog.read(f);
        assertArrayEquals(new long[] {15, 20, 31}, back.closeTimes(log), "the failed attempt keeps its own instant");
        assertArrayEquals(new boolean[] {false, false, true}, back.resets(3));
        CloseLog none = CloseLog.read(tmp.resolve("missing.csv.gz"));
        assertArrayEquals(log.times(), none.closeTimes(log));
        assertFalse(none.has(0));
    }

    @Test
    void clientDrawsAreTheSameForTheSameSeed() {
        CalibrationScenario s = new CalibrationScenario("d", "", 40000, 40999, 3, true, 30, 10, false, false, 0, 0, 100,
                true, 2000, java.util.List.of(6.0, 3.0, 1.0), 0.25, 0, 0, 0, 5);
        ClientDraws a = new ClientDraws(s);
        ClientDraws b = new ClientDraws(s);
        int[] perDestination = new int[3];
        int resets = 0;
        for (int i = 0; i < 2000; i++) {
            a.next();
            b.next();
            assertEquals(a.destination(), b.destination());
            assertEquals(a.holdNanos(), b.holdNanos());
            perDestination[a.destination()]++;
            resets += a.reset() ? 1 : 0;
        }
        assertTrue(perDestination[0] > perDestination[1] && perDestination[1] > perDestination[2],
                java.util.Arrays.toString(perDestination));
        assertTrue(resets > 400 && resets < 600, "about a quarter: " + resets);
    }
}
