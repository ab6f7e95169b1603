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
