package dev.portbench.simulation;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The study the run command writes to simulation.json reproduces the KB's numbers. */
class SimulationStudyTest {

    @Test
    @SuppressWarnings("unchecked")
    void reproducesTheKbTableAndCoversEverySweep() {
        Map<String, Object> doc = SimulationStudy.run(4);
        assertEquals(16.566667, (double) doc.get("capacityPerSecond"), 1e-6);
        for (Map<String, Object> row : (List<Map<String, Object>>) doc.get("kb")) {
            double rate = (double) row.get("ratePerSecond");
            if (rate > 16.57) {
                assertEquals((double) row.get("predictedFirstFailureSeconds"), (double) row.get("firstFailureSeconds"), 1 / rate);
            } else {
                assertNull(row.get("firstFailureSeconds"), "no failure at " + rate + "/s");
            }
            assertEquals((double) row.get("predictedSuccess"), (double) row.get("steadySuccess"), 0.01, "at " + rate + "/s");
        }
        Map<String, Object> sweeps = (Map<String, Object>) doc.get("sweeps");
        assertEquals(SimulationStudy.SWEEP_RANGES.length, ((List<?>) sweeps.get("range")).size());
        assertEquals(SimulationStudy.SWEEP_TIME_WAITS.length, ((List<?>) sweeps.get("timeWait")).size());
        assertEquals(3, ((List<?>) sweeps.get("holding")).size());
        List<Map<String, Object>> allocators = (List<Map<String, Object>>) doc.get("allocators");
        assertEquals(dev.portbench.allocator.variants.AllocatorCatalog.values().length, allocators.size());
        assertTrue(SimulationStudy.summary(doc).contains("capacity 16.566667"));
    }
}
