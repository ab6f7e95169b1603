package dev.portbench.calibration;

import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TIME-WAIT lateness from a recorded probe (kernel 6.18, HZ 250) and from small synthetic series. */
class LatenessAnalysisTest {

    private static final long S = 1_000_000_000L;
    private static final long TW = 60 * S;

    @Test
    void theTimerWheelTableGivesTheBatchSpacingPerHz() {
        assertEquals(3, TimerWheel.level(60 * 250));
        assertEquals(512, TimerWheel.granularityJiffies(60 * 250));
        assertEquals(2_048_000_000L, TimerWheel.granularityNanos(TW, 250));
        assertEquals(4_096_000_000L, TimerWheel.granularityNanos(TW, 1000));
        assertEquals(5_120_000_000L, TimerWheel.granularityNanos(TW, 100));
        assertEquals(0, TimerWheel.level(62));
        assertEquals(1, TimerWheel.level(63));
        assertEquals(250, TimerWheel.inferHz(2_050_000_000L, TW));
        assertEquals(1000, TimerWheel.inferHz(4_090_000_000L, TW));
        assertThrows(IllegalArgumentException.class, () -> TimerWheel.level(-1));
    }

    @Test
    void theRecordedProbeShowsBatchesOneGranularityApartAndNoEarlyExpiry() throws URISyntaxException {
        Path dir = Path.of(getClass().getResource("/dev/portbench/calibration/probe/kernel.json").toURI()).getParent();
        LatenessAnalysis a = CalibrationAnalysis.latenessAnalysis(dir);
        assertEquals(2_048_000_000L, a.granularityNanos(), 5_000_000, "HZ 250: 512 jiffies");
        assertTrue(a.batches().size() >= 5, a.batches().toString());
        assertTrue(a.minLatenessNanos() > 0, "never early: " + a.minLatenessNanos());
        assertTrue(a.maxLatenessNanos() <= a.granularityNanos() + 10_000_000L, "at most one granularity late: "
                + a.maxLatenessNanos());
        assertTrue(a.residualNanos() < 10_000_000L, "every batch on the grid: " + a.residualNanos());
        LatenessAnalysis grid = CalibrationAnalysis.grid(dir, a);
        assertEquals(2_048_000_000L, grid.granularityNanos(), "the wheel's exact spacing, confirmed by the measurement");
        assertTrue(grid.residualNanos() < 10_000_000L, "every batch on the exact grid too: " + grid.residualNanos());
        assertEquals(a.meanLatenessNanos(), grid.meanLatenessNanos(), "lateness is measured, not refitted");
        var l = CalibrationAnalysis.lateness(dir, grid, "test");
        assertEquals(250, l.hz());
        assertEquals(TW, l.timeWaitNanos());
        assertEquals(a.meanLatenessNanos(), l.meanLatenessNanos());
    }

    @Test
    void socketsAreAssignedToBatchesInCloseOrder() {
        long[] closes = {0, S / 2, S, 3 * S};
        TimeWaitSeries tw = new TimeWaitSeries();
        tw.add(0, 1);
        tw.add(3 * S + 1, 4);
        // grid every 2 s: closes at 0, 0.5, 1 expire at 62 s; the one at 3 s at 64 s
        tw.add(62 * S - 1_000_000, 4);
        tw.add(62 * S + 1_000_000, 1);
        tw.add(64 * S - 1_000_000, 1);
        tw.add(64 * S + 1_000_000, 0);
        LatenessAnalysis a = LatenessAnalysis.of(closes, tw, TW);
        assertEquals(2, a.batches().size());
        assertEquals(2 * S, a.granularityNanos());
        assertEquals(0, a.phaseNanos());
        assertEquals(2 * S, a.latenessNanos()[0]);
        assertEquals(S, a.latenessNanos()[2]);
        assertEquals(S, a.latenessNanos()[3]);
        assertEquals(2 * S, a.maxLatenessNanos());
    }

    @Test
    void aProbeThatDidNotSeeEverySocketExpireIsRejected() {
        TimeWaitSeries tw = new TimeWaitSeries();
        tw.add(0, 2);
        tw.add(61 * S, 2);
        tw.add(62 * S, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LatenessAnalysis.of(new long[] {0, 1}, tw, TW));
        assertTrue(e.getMessage().contains("1 of 2"), e.getMessage());
    }
}
