package dev.portbench.report;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnalysisTest {

    private static JmhResult r(String allocator, double score, double halfWidth) {
        return new JmhResult("ReplayBenchmark.replay", "avgt", Map.of("allocator", allocator, "workload", "w"), score,
                score - halfWidth, score + halfWidth, "ns/op", Map.of(), 0);
    }

    @Test
    void overlappingIntervalsShareARank() {
        List<Analysis.Ranked> ranked = Analysis.rank(List.of(r("c", 20, 1), r("a", 10, 1), r("b", 11, 1.5)));
        assertEquals("a", ranked.get(0).result().param("allocator"));
        assertEquals(1, ranked.get(0).rank());
        assertEquals(1, ranked.get(1).rank(), "b's interval [9.5, 12.5] overlaps a's [9, 11]");
        assertTrue(ranked.get(0).tied() && ranked.get(1).tied());
        assertEquals(3, ranked.get(2).rank());
        assertFalse(ranked.get(2).tied());
    }

    @Test
    void thePickNamesWinnerSpeedupAndRunnerUp() {
        Analysis.Pick p = Analysis.pick("w", List.of(r("jdk-collections", 50, 1), r("fifo", 5, 0.1), r("heap", 20, 1)));
        assertEquals(List.of("fifo"), p.winners());
        assertEquals(10.0, p.speedupVsJavaUtil(), 1e-12);
        assertEquals("heap", p.runnerUp());
        assertEquals(4.0, p.marginOverRunnerUp(), 1e-12);
        assertTrue(p.sentence().startsWith("**fifo**: 5.00 ns/event, 10x faster"), p.sentence());
        Analysis.Pick noBaseline = Analysis.pick("w", List.of(r("fifo", 5, 0.1)));
        assertTrue(Double.isNaN(noBaseline.speedupVsJavaUtil()));
        assertNull(noBaseline.runnerUp());
    }

    @Test
    void theAllRounderHasTheLowestGeometricMeanCostRatio() {
        Map<String, List<JmhResult>> by = new LinkedHashMap<>();
        by.put("w1", List.of(r("a", 10, 0), r("b", 12, 0)));
        by.put("w2", List.of(r("a", 30, 0), r("b", 10, 0)));
        Map.Entry<String, Double> best = Analysis.allRounder(by);
        assertEquals("b", best.getKey());
        assertEquals(Math.sqrt(1.2), best.getValue(), 1e-12);
    }
}
