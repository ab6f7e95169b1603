package dev.portbench.report;

import dev.portbench.report.VerdictAgreement.Judgement;
import dev.portbench.report.VerdictAgreement.Pair;
import dev.portbench.stats.RatioEstimate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agreement of runs with a reference, on copies of the fixture run whose allocators are swapped or left out. */
class VerdictAgreementTest {

    private static final String WORKLOAD = "q170791-rho0.99";

    @TempDir
    Path tmp;

    private Path variant(String name, String from, String to) throws IOException {
        Path run = FixtureRun.copyTo(tmp.resolve(name));
        Path json = run.resolve("jmh.json");
        Files.writeString(json, Files.readString(json).replace(from, to));
        return run;
    }

    @Test
    void aRunAgreesWithItselfOnEveryClearPairAndOnlyClearPairsAreListed() {
        RunData fixture = RunData.load(FixtureRun.folder());
        List<Pair> pairs = VerdictAgreement.pairs(fixture, List.of(fixture), WORKLOAD, 1.25);
        assertFalse(pairs.isEmpty(), "jdk-collections costs 7.5-10x the others");
        for (Pair p : pairs) {
            assertEquals(List.of(Judgement.SAME), p.judgements(), p.toString());
            assertTrue(p.ratio() >= 1.25 && p.low() > 1, p.toString());
            RatioEstimate direct = Analysis.ratio(
                    Analysis.byAllocator(fixture.of(ReportGenerator.REPLAY).stream().filter(r -> WORKLOAD.equals(r.param("workload"))).toList(),
                            p.faster()),
                    Analysis.byAllocator(fixture.of(ReportGenerator.REPLAY).stream().filter(r -> WORKLOAD.equals(r.param("workload"))).toList(),
                            p.slower()));
            assertEquals(direct.ratio(), p.ratio(), 1e-12, "slower / faster");
        }
        assertTrue(pairs.stream().anyMatch(p -> p.faster().equals("fifo") && p.slower().equals("jdk-collections")));
        assertTrue(pairs.stream().noneMatch(p -> p.faster().equals("fifo") && p.slower().equals("timing-wheel")),
                "6.0 vs 6.1 ns: below 1.25x");
        assertTrue(pairs.get(0).ratio() >= pairs.get(pairs.size() - 1).ratio(), "largest ratio first");
        assertTrue(VerdictAgreement.pairs(fixture, List.of(), WORKLOAD, 100).isEmpty(), "no pair differs 100-fold");
    }

    @Test
    void swappedAllocatorsContradictAndMissingOnesAreNotMeasured() throws IOException {
        Path swapped = variant("swapped", "\"allocator\": \"fifo\"", "\"allocator\": \"SWAP\"");
        Files.writeString(swapped.resolve("jmh.json"), Files.readString(swapped.resolve("jmh.json"))
                .replace("\"allocator\": \"jdk-collections\"", "\"allocator\": \"fifo\"").replace("\"allocator\": \"SWAP\"",
                        "\"allocator\": \"jdk-collections\""));
        Path noBitset = variant("no-bitset", "\"allocator\": \"bitset\"", "\"allocator\": \"ring\"");
        RunData fixture = RunData.load(FixtureRun.folder());
        List<Pair> pairs = VerdictAgreement.pairs(fixture, List.of(RunData.load(swapped), RunData.load(noBitset)), WORKLOAD, 1.25);
        java.util.Map<String, Double> score = new java.util.HashMap<>();
        fixture.of(ReportGenerator.REPLAY).stream().filter(r -> WORKLOAD.equals(r.param("workload")))
                .forEach(r -> score.put(r.param("allocator"), r.score()));
        java.util.function.UnaryOperator<String> swap = a -> a.equals("fifo") ? "jdk-collections" : a.equals("jdk-collections") ? "fifo" : a;
        for (Pair p : pairs) {
            double swappedRatio = score.get(swap.apply(p.slower())) / score.get(swap.apply(p.faster()));
            if (swappedRatio < 1 / 1.25 || swappedRatio > 1.25) {
                assertEquals(swappedRatio < 1 ? Judgement.CONTRADICTS : Judgement.SAME, p.judgements().get(0), p.toString());
            } else {
                assertTrue(p.judgements().get(0) != (swappedRatio < 1 ? Judgement.SAME : Judgement.CONTRADICTS), p.toString());
            }
            boolean bitset = p.faster().equals("bitset") || p.slower().equals("bitset");
            assertEquals(bitset, p.judgements().get(1) == Judgement.NOT_MEASURED, p.toString());
        }
        assertTrue(pairs.stream().anyMatch(p -> p.judgements().get(0) == Judgement.CONTRADICTS));
        String md = VerdictAgreement.markdown(FixtureRun.folder(), List.of(swapped, noBitset), WORKLOAD, 1.25);
        assertTrue(md.contains("| fifo | jdk-collections | ") && md.contains("contradicts"), md);
        assertTrue(md.contains("Target (every pair decided the same way by every run): **missed**"), md);
        long contradictions = pairs.stream().filter(p -> p.judgements().get(0) == Judgement.CONTRADICTS).count();
        long open = pairs.stream().filter(p -> p.judgements().get(0) == Judgement.OPEN).count();
        assertTrue(md.contains("- `swapped`: " + (pairs.size() - contradictions - open) + " same, " + open + " open, " + contradictions
                + " contradict, 0 not measured, of " + pairs.size() + "."), md);
    }

    @Test
    void refusesNonsenseWithTheValueNamed() {
        RunData fixture = RunData.load(FixtureRun.folder());
        IllegalArgumentException ratio = assertThrows(IllegalArgumentException.class,
                () -> VerdictAgreement.pairs(fixture, List.of(), WORKLOAD, 0.5));
        assertTrue(ratio.getMessage().contains("0.5") && ratio.getMessage().contains("at least 1"), ratio.getMessage());
        IllegalArgumentException workload = assertThrows(IllegalArgumentException.class,
                () -> VerdictAgreement.pairs(fixture, List.of(), "burst", 1.25));
        assertTrue(workload.getMessage().contains("'burst'") && workload.getMessage().contains(WORKLOAD), workload.getMessage());
    }
}
