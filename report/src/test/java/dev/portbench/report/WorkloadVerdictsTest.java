package dev.portbench.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link WorkloadVerdicts} on hand-made fork means: letters and the best set follow the pairwise intervals. */
class WorkloadVerdictsTest {

    private static JmhResult forks(String allocator, double... means) {
        double[][] f = new double[means.length][];
        double sum = 0;
        for (int i = 0; i < means.length; i++) {
            f[i] = new double[] {means[i]};
            sum += means[i];
        }
        double score = sum / means.length;
        return new JmhResult("ReplayBenchmark.replay", "avgt", Map.of("allocator", allocator, "workload", "w"), score,
                score, score, "ns/op", Map.of(), 0, new JmhRawData(f, null));
    }

    private static List<String> letters(WorkloadVerdicts v) {
        return v.rows().stream().map(r -> r.allocator() + ":" + r.letters()).toList();
    }

    @Test
    void aWideMiddleResultTiesWithBothEndsWhichDifferFromEachOther() {
        JmhResult tightLow = forks("ring", 9.9, 10, 10.1);
        JmhResult wide = forks("fifo", 10, 13, 16);
        JmhResult tightHigh = forks("heap", 16.8, 17, 17.2);
        assertTrue(Analysis.ratio(tightLow, tightHigh).significant(), "the ends differ");
        assertFalse(Analysis.ratio(tightLow, wide).significant(), "the wide one is not told apart from the best");
        assertFalse(Analysis.ratio(wide, tightHigh).significant(), "nor from the worst");

        WorkloadVerdicts v = WorkloadVerdicts.of(List.of(tightHigh, wide, tightLow));
        assertEquals(List.of("ring:a", "fifo:ab", "heap:b"), letters(v));
        assertEquals(List.of("ring", "fifo"), v.tiedWithBest().stream().map(WorkloadVerdicts.Row::allocator).toList());
        assertTrue(v.resolved());
        assertNull(v.rows().get(0).toBest(), "the best has no ratio to itself");
        assertEquals(17 / 10.0, v.rows().get(2).ratio(), 0.01);
        assertTrue(v.bestSetSentence().contains("**ring**, **fifo** (2 of 3); the other 1 cost more"), v.bestSetSentence());
    }

    @Test
    void clearlySeparatedResultsEachGetALetterAndTheBestStandsAlone() {
        WorkloadVerdicts v = WorkloadVerdicts.of(List.of(forks("a", 10, 10.1, 9.9), forks("b", 20, 20.2, 19.8),
                forks("c", 40, 40.4, 39.6)));
        assertEquals(List.of("a:a", "b:b", "c:c"), letters(v));
        assertEquals(1, v.tiedWithBest().size());
        assertTrue(v.bestSetSentence().startsWith("Best: **a**, told apart from every other"), v.bestSetSentence());
        assertEquals("2.00 (1.9", VerdictSection.toBestCell(v, v.rows().get(1)).substring(0, 9));
        assertEquals("1 (best)", VerdictSection.toBestCell(v, v.rows().get(0)));
    }

    @Test
    void oneForkEachDecidesNothingAndEverythingSharesALetter() {
        WorkloadVerdicts v = WorkloadVerdicts.of(List.of(forks("a", 10), forks("b", 50)));
        assertFalse(v.resolved());
        assertEquals(List.of("a:a", "b:a"), letters(v));
        assertEquals(5.0, v.rows().get(1).ratio(), 1e-9);
        assertEquals("5.00 (n/a)", VerdictSection.toBestCell(v, v.rows().get(1)));
        assertTrue(v.bestSetSentence().startsWith("Not resolved"), v.bestSetSentence());
    }
}
