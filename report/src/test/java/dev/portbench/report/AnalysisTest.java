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

    /** A result of three forks whose means are score - spread, score, score + spread. */
    private static JmhResult r(String allocator, double score, double spread) {
        return withForks(allocator, score, new double[][] {{score - spread}, {score}, {score + spread}});
    }

    private static JmhResult withForks(String allocator, double score, double[][] forks) {
        return new JmhResult("ReplayBenchmark.replay", "avgt", Map.of("allocator", allocator, "workload", "w"), score,
                score, score, "ns/op", Map.of(), 0, new JmhRawData(forks, null));
    }

    @Test
    void resultsNotToldApartOverForksShareARank() {
        List<Analysis.Ranked> ranked = Analysis.rank(List.of(r("c", 20, 1), r("a", 10, 1), r("b", 11, 1.5)));
        assertEquals("a", ranked.get(0).result().param("allocator"));
        assertEquals(1, ranked.get(0).rank());
        assertEquals(1, ranked.get(1).rank(), "b / a = 1.1 with forks spread by 10-15%: not told apart");
        assertTrue(ranked.get(0).tied() && ranked.get(1).tied());
        assertEquals(3, ranked.get(2).rank());
        assertFalse(ranked.get(2).tied());
        assertTrue(ranked.stream().allMatch(Analysis.Ranked::resolved));
    }

    @Test
    void oneForkResolvesNoRankingAndThePickSaysSo() {
        List<JmhResult> oneFork = List.of(withForks("fifo", 5, new double[][] {{5}}),
                withForks("heap", 50, new double[][] {{50}}));
        List<Analysis.Ranked> ranked = Analysis.rank(oneFork);
        assertTrue(ranked.stream().noneMatch(Analysis.Ranked::resolved));
        Analysis.Pick p = Analysis.pick("w", oneFork);
        assertFalse(p.resolved());
        assertEquals(List.of("fifo"), p.winners());
        assertTrue(p.sentence().contains("not resolved"), p.sentence());
    }

    @Test
    void theMarginCarriesItsRatioInterval() {
        Analysis.Pick p = Analysis.pick("w", List.of(r("fifo", 10, 0.1), r("heap", 20, 0.2)));
        assertTrue(p.margin().resolved());
        assertTrue(p.margin().low() > 1.9 && p.margin().high() < 2.1, p.margin().toString());
        assertTrue(p.sentence().contains("costs 2.00x as much (1."), p.sentence());
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

    @Test
    void anEmptyParameterIsNotPartOfTheKey() {
        // a run from before the traceFile parameter existed compares with one that leaves it empty
        java.util.Map<String, String> old = new java.util.LinkedHashMap<>();
        old.put("allocator", "fifo");
        old.put("workload", "w");
        JmhResult before = new JmhResult("ReplayBenchmark.replay", "avgt", old, 1, 1, 1, "ns/op", Map.of(), 0,
                new JmhRawData(new double[][] {{1}}, null));
        java.util.Map<String, String> withEmpty = new java.util.LinkedHashMap<>();
        withEmpty.put("allocator", "fifo");
        withEmpty.put("traceFile", "");
        withEmpty.put("workload", "w");
        JmhResult after = new JmhResult("ReplayBenchmark.replay", "avgt", withEmpty, 1, 1, 1, "ns/op", Map.of(), 0,
                new JmhRawData(new double[][] {{1}}, null));
        assertEquals(before.key(), after.key());
        assertFalse(after.key().contains("traceFile"), after.key());
        withEmpty.put("traceFile", "t.json.gz");
        JmhResult trace = new JmhResult("ReplayBenchmark.replay", "avgt", withEmpty, 1, 1, 1, "ns/op", Map.of(), 0,
                new JmhRawData(new double[][] {{1}}, null));
        assertTrue(trace.key().contains("traceFile=t.json.gz"), trace.key());
    }
}
