package dev.portbench.report;

import dev.portbench.runfolder.RoundsFile;
import dev.portbench.runfolder.RunFiles;
import dev.portbench.stats.Confidence;
import dev.portbench.stats.RatioEstimate;
import dev.portbench.stats.SequentialDesign;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run folder with adaptive rounds (the fixture run, whose headline {@code fifo} got its third fork
 * in round 2): read with the round of every fork, judged by the recorded design, and reported.
 */
class RoundsRunTest extends FixtureRunTest {

    private static final String REPLAY = "dev.portbench.jmh.ReplayBenchmark.replay";
    private static final SequentialDesign DESIGN = new SequentialDesign(Confidence.RANKING, 3, SequentialDesign.Spending.POCOCK);

    private void writeRounds(int[] fifoRounds, int roundCount) {
        List<RoundsFile.Round> rounds = new java.util.ArrayList<>();
        rounds.add(new RoundsFile.Round(1, DESIGN.nominalConfidence(1), 0, 33, 40.0, List.of(), null));
        for (int r = 2; r <= roundCount; r++) {
            rounds.add(new RoundsFile.Round(r, DESIGN.nominalConfidence(r), 2, 1, 1.5, List.of(new RoundsFile.Addition(
                    "q170791-rho0.99", "fifo", 1, "fifo vs timing-wheel on q170791-rho0.99: ratio 1.02 [0.81, 1.28] open")),
                    r == roundCount ? "the budget is spent" : null));
        }
        RunFiles.write(run.resolve(RoundsFile.FILE), new RoundsFile(RoundsFile.SCHEMA, REPLAY, DESIGN, 1.25, 60, rounds,
                List.of(new RoundsFile.Forks(REPLAY, Map.of("allocator", "fifo", "workload", "q170791-rho0.99"), fifoRounds))));
    }

    @Test
    void everyReplayForkCarriesItsRoundAndTheVerdictsHonourTheDesign() {
        writeRounds(new int[] {1, 1, 2}, 2);
        RunData data = RunData.load(run);
        assertEquals(2, data.rounds().rounds().size());
        List<JmhResult> headline = data.of(ReportGenerator.REPLAY).stream()
                .filter(r -> "q170791-rho0.99".equals(r.param("workload"))).toList();
        JmhResult fifo = Analysis.byAllocator(headline, "fifo");
        JmhResult bitset = Analysis.byAllocator(headline, "bitset");
        assertArrayEquals(new int[] {1, 1, 2}, fifo.raw().rounds().rounds());
        assertArrayEquals(new int[] {1, 1, 1}, bitset.raw().rounds().rounds(), "a result not listed: every fork of round 1");
        assertEquals(2, fifo.raw().rounds().looks());
        assertNull(data.of(ReportGenerator.HARNESS).get(0).raw().rounds(), "only the judged benchmark's results carry rounds");

        RatioEstimate r = Analysis.ratio(fifo, bitset);
        assertEquals(DESIGN.ratio(fifo.forkSample(), new int[] {1, 1, 2}, bitset.forkSample(), new int[] {1, 1, 1}, 2), r);
        assertTrue(r.significant(), "bitset costs a third more: decided");
        assertEquals(DESIGN.nominalConfidence(1), r.confidence(), 1e-15, "decided at the first look: fifo's two forks of round 1 against bitset's three");
        assertEquals(3, r.degreesOfFreedom());
        WorkloadVerdicts v = WorkloadVerdicts.of(headline);
        assertEquals(r, v.rows().stream().filter(row -> row.allocator().equals("bitset")).findFirst().orElseThrow().toBest(),
                "the table's interval to the best is the design's");
    }

    @Test
    void theRoundsSectionSaysWhatEachRoundAddedAndWhyTheyStopped() {
        writeRounds(new int[] {1, 1, 2}, 2);
        StringBuilder md = new StringBuilder();
        RoundsSection.append(md, RunData.load(run).rounds());
        String s = md.toString();
        assertTrue(s.startsWith("## Rounds of forks\n"), s);
        assertTrue(s.contains("Pocock-type alpha spending (Lan and DeMets 1983) over 3 planned looks"), s);
        assertTrue(s.contains("| 1 | 99.55% |  | 33 | 40 s | the profile's forks of every benchmark |"), s);
        assertTrue(s.contains("| 2 | 99.69% | 2 | 1 | 2 s | 1 benchmarks, for the pairs below |"), s);
        assertTrue(s.contains("- round 2: fifo vs timing-wheel on q170791-rho0.99: ratio 1.02 [0.81, 1.28] open: +1 fifo"), s);
        assertTrue(s.contains("No round 3: the budget is spent."), s);
        StringBuilder again = new StringBuilder();
        RoundsSection.append(again, RunData.load(run).rounds());
        assertEquals(s, again.toString(), "the same bytes for the same file");
        StringBuilder none = new StringBuilder();
        RoundsSection.append(none, null);
        assertEquals("", none.toString(), "a run of one round has no section");
    }

    @Test
    void aRoundsFileThatDisagreesWithJmhJsonIsRefusedNamingIt() {
        writeRounds(new int[] {1, 2}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunData.load(run));
        assertTrue(e.getMessage().contains("rounds.json") && e.getMessage().contains("2 rounds for 3 forks"), e.getMessage());
        writeRounds(new int[] {1, 1, 3}, 2);
        e = assertThrows(IllegalArgumentException.class, () -> RunData.load(run));
        assertTrue(e.getMessage().contains("round 3 (expected: 1..2"), e.getMessage());
        assertFalse(Files.exists(run.resolve("REPORT.md")));
    }
}
