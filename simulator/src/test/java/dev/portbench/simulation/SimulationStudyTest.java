package dev.portbench.simulation;

import dev.portbench.runfolder.RunFiles;
import dev.portbench.runfolder.SimulationFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The study the run command writes to simulation.json reproduces the KB's numbers. */
class SimulationStudyTest {

    @Test
    void reproducesTheKbTableAndCoversEverySweep() {
        SimulationFile doc = SimulationStudy.run(4);
        assertEquals(16.566667, doc.capacityPerSecond(), 1e-6);
        for (SimulationFile.KbRow row : doc.kb()) {
            double rate = row.ratePerSecond();
            if (rate > 16.57) {
                assertEquals(row.predictedFirstFailureSeconds(), row.firstFailureSeconds(), 1 / rate);
            } else {
                assertNull(row.firstFailureSeconds(), "no failure at " + rate + "/s");
            }
            assertEquals(row.predictedSuccess(), row.steadySuccess(), 0.01, "at " + rate + "/s");
        }
        assertEquals(SimulationStudy.SWEEP_RANGES.length, doc.sweeps().range().size());
        assertEquals(SimulationStudy.SWEEP_TIME_WAITS.length, doc.sweeps().timeWait().size());
        assertEquals(3, doc.sweeps().holding().size());
        assertEquals(dev.portbench.allocator.variants.AllocatorCatalog.values().length, doc.allocators().size());
        assertTrue(SimulationStudy.summary(doc).contains("capacity 16.566667"));
    }

    /**
     * The derived fields of every part, each against its definition: the KB rows' load, the
     * timeline's phase change at half the run (whole TIME-WAITs), the sweeps' shapes, capacities and
     * loads, and the terminal summary's rows.
     */
    @Test
    void everyPartStatesItsShapeAndLoadAsDefined() {
        int periods = 4;
        SimulationFile doc = SimulationStudy.run(periods);
        double capacity = 3976 / 240.0;
        assertEquals(periods, doc.periods());
        assertEquals(240.0, doc.timeWaitSeconds());
        assertEquals(3976, doc.ports());
        assertTrue(doc.wallSeconds() >= 0 && doc.wallSeconds() < 3600, "wall seconds: " + doc.wallSeconds());
        assertTrue(doc.events() > 0);
        for (int i = 0; i < SimulationStudy.KB_RATES.length; i++) {
            SimulationFile.KbRow row = doc.kb().get(i);
            assertEquals(SimulationStudy.KB_RATES[i], row.ratePerSecond());
            assertEquals(SimulationStudy.KB_RATES[i] / capacity, row.rho(), 1e-6);
            if (row.ratePerSecond() > capacity) {
                assertTrue(row.firstFailureSeconds() > 0, "a failure at " + row.ratePerSecond() + "/s");
            }
        }
        SimulationFile.Timeline tl = doc.timeline();
        assertEquals(SimulationStudy.OVERLOAD_RATE, tl.ratePerSecond());
        assertEquals(periods / 2 * 240.0, tl.phaseChangeSeconds(), "half the run, in whole TIME-WAITs");
        assertEquals(0.5, tl.secondRho());
        assertEquals(SimulationStudy.REFERENCE, tl.summary().allocator());
        assertEquals(10.0, tl.series().windowSeconds());
        assertEquals(periods * 240.0, tl.series().timeSeconds()[tl.series().timeSeconds().length - 1], 1e-9);
        int[][] ranges = SimulationStudy.SWEEP_RANGES;
        for (int i = 0; i < ranges.length; i++) {
            SimulationFile.Sweep sweep = doc.sweeps().range().get(i);
            int ports = ranges[i][1] - ranges[i][0] + 1;
            assertEquals("ports " + ports, sweep.label());
            assertEquals(ports, sweep.ports());
            assertEquals(240.0, sweep.timeWaitSeconds());
            assertEquals(ports / 240.0, sweep.capacityPerSecond(), 1e-6);
            assertSweepLoads(sweep);
        }
        for (int i = 0; i < SimulationStudy.SWEEP_TIME_WAITS.length; i++) {
            SimulationFile.Sweep sweep = doc.sweeps().timeWait().get(i);
            int tw = SimulationStudy.SWEEP_TIME_WAITS[i];
            assertEquals("TIME-WAIT " + tw + " s", sweep.label());
            assertEquals(tw, sweep.timeWaitSeconds());
            assertEquals(3976.0 / tw, sweep.capacityPerSecond(), 1e-6);
            assertSweepLoads(sweep);
        }
        SimulationFile.Sweep fixed = doc.sweeps().holding().get(1);
        assertEquals("fixed 60 s", fixed.label());
        assertEquals("fixed", fixed.holding());
        assertEquals(60.0, fixed.meanHoldSeconds());
        assertEquals(3976 / 300.0, fixed.capacityPerSecond(), 1e-6);
        assertSweepLoads(fixed);
        assertEquals(0.0, doc.sweeps().holding().get(0).meanHoldSeconds());
        String summary = SimulationStudy.summary(doc);
        assertTrue(summary.contains(String.format(java.util.Locale.ROOT, "%8.2f %10s", 8.0, "none")), summary);
        SimulationFile.KbRow overloaded = doc.kb().get(SimulationStudy.KB_RATES.length - 1);
        assertTrue(summary.contains(String.format(java.util.Locale.ROOT, "%8.2f %10.2f", overloaded.ratePerSecond(),
                overloaded.firstFailureSeconds())), summary);
    }

    /**
     * Each point's rate is its load times the sweep's capacity, its predicted success min(1, 1 / rho);
     * no failure at half capacity, a failure at 1.5x and more.
     */
    private static void assertSweepLoads(SimulationFile.Sweep sweep) {
        assertEquals(SimulationStudy.SWEEP_RHOS.length, sweep.points().size());
        for (SimulationFile.SweepPoint p : sweep.points()) {
            assertEquals(p.rho() * sweep.capacityPerSecond(), p.ratePerSecond(), 1e-5, sweep.label());
            assertEquals(Math.min(1, 1 / p.rho()), p.predictedSuccess(), 1e-5, sweep.label());
            if (p.rho() <= 0.5) {
                assertNull(p.firstFailureSeconds(), sweep.label() + " at rho " + p.rho());
            } else if (p.rho() >= 1.5) {
                assertTrue(p.firstFailureSeconds() > 0, sweep.label() + " at rho " + p.rho());
            }
        }
    }

    @Test
    void theFileReadsBackAsWritten(@TempDir Path dir) {
        SimulationFile doc = SimulationStudy.run(2);
        Path file = dir.resolve(RunFiles.SIMULATION);
        RunFiles.write(file, doc);
        SimulationFile back = RunFiles.read(file, SimulationFile.class, SimulationFile.SCHEMA);
        assertEquals(doc.kb(), back.kb());
        assertEquals(doc.allocators(), back.allocators());
        assertEquals(doc.sweeps(), back.sweeps());
        assertArrayEquals(doc.timeline().series().inUse(), back.timeline().series().inUse());
        assertEquals(doc.timeline().summary(), back.timeline().summary());
    }
}
