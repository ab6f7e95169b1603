package dev.portbench.report;

import dev.portbench.io.AtomicFiles;
import dev.portbench.simulation.SimulationStudy;
import dev.portbench.stats.RatioEstimate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report generator on the committed fixture run (src/test/resources/fixture-run). */
class ReportGeneratorTest extends FixtureRunTest {

    @Test
    void readsJmhJsonIncludingNanAndInfinityStrings() {
        RunData data = RunData.load(run);
        JmhResult bitset = data.of(ReportGenerator.REPLAY).stream()
                .filter(r -> "bitset".equals(r.param("allocator")) && "scale-3976".equals(r.param("workload")))
                .findFirst().orElseThrow();
        assertEquals(8.0, bitset.score());
        assertTrue(Double.isNaN(bitset.error()), "a single fork gives no interval over forks");
        assertEquals(1, bitset.forkSample().forkCount());
        JmhResult heap = data.of(ReportGenerator.BURST).stream().filter(r -> "heap".equals(r.param("allocator")))
                .findFirst().orElseThrow();
        assertEquals(Double.POSITIVE_INFINITY, heap.percentiles().get(100.0));
        assertEquals(75000.0, heap.percentiles().get(99.9));
        assertEquals(12.0, data.of(ReportGenerator.REPLAY).stream()
                .filter(r -> "jdk-collections".equals(r.param("allocator"))).findFirst().orElseThrow().bytesPerOp());
    }

    @Test
    void tablesRankWithTiesAndRatiosFromTheData() {
        String md = ReportGenerator.render(RunData.load(run)).markdown();
        // fifo 6.0 and timing-wheel 6.1, forks spread by 2%: one group, not a ranking
        assertTrue(md.contains("| a | fifo | 6.00 | 0.69 | 0.100 | 1.50 | 1 (best) | 0 |"), md);
        assertTrue(md.contains("| a | timing-wheel | 6.10 |"), md);
        assertTrue(md.contains("| b | bitset | 8.00 |"), md);
        assertTrue(md.contains("| c | jdk-collections | 60.0 | 6.88 | 1.000 | 15.00 | 10.00 ("), md);
        assertTrue(md.contains("**How sure**: Not told apart from the best (fifo) at 99% over forks: **fifo**, "
                + "**timing-wheel** (2 of 4); the other 2 cost more."), "the first screen says how sure: " + md);
        assertTrue(md.contains("![q170791-rho0.99: cost relative to the best, 99% interval](charts/forest-q170791-rho0.99.svg)"),
                md);
        assertTrue(md.contains("| | *floor (lower bound, not an allocator)* | 4.00 |"), md);
        assertTrue(md.contains("It costs 1.50 x the floor (4.00 ns/event"), "the headline gives the floor ratio: " + md);
        assertTrue(md.contains("*harness (empty replay)* | 1.90"), md);
        assertTrue(md.contains("a tie between **fifo**, **timing-wheel** (not told apart at 99% over forks): 6.00 ns/event, "
                + "10x faster than the java.util baseline (14x net of the 1.90 ns empty-replay floor); the next, bitset, "
                + "costs 1.33x as much (1.24x-1.44x at 99%, over forks)"), md);
        assertTrue(md.contains("| fifo | 6.00 ± 0.69 | 7.20 ± 0.83 | 1.20x |"), "range-size table: " + md);
        assertTrue(md.contains("`scale-3976`: **fifo**: 6.00 ns/event"), "bitset's one fork there is compared on the others' spread: " + md);
        assertTrue(md.contains("Where it holds: fifo wins or ties for first on 3 of 3 workloads (q170791-rho0.99 (fixed-rate, "
                + "rho 0.99, 3976 ports), scale-3976 (poisson, rho 0.99, 3976 ports), scale-64512 (poisson, rho 0.99, 64512 ports))."),
                "the headline names where it holds: " + md);
        assertTrue(md.contains("| fifo | 50.0 | 30.0 | 130 | 4,000 | 9,000 | 14,000 |"), md);
        assertTrue(md.contains("| heap | 50.0 | 30.0 | 130 | 75,000 | 9,000 | inf |"), md);
        assertTrue(md.contains("./portbench run --profile quick"), "the reproduce command");
        assertTrue(md.contains("Fixture CPU, 2 cores"), md);
        assertTrue(md.contains("| timing-wheel | 1,000 ms | 53,676 | 13.50 |"), "footprint: " + md);
    }

    @Test
    void theSameInputGivesTheSameBytes() throws IOException {
        AtomicFiles.writeJson(run.resolve("simulation.json"), SimulationStudy.run(2));
        ReportGenerator.writeReport(run);
        byte[] first = Files.readAllBytes(run.resolve("REPORT.md"));
        List<Path> charts = listCharts();
        byte[][] svgs = new byte[charts.size()][];
        for (int i = 0; i < svgs.length; i++) {
            svgs[i] = Files.readAllBytes(charts.get(i));
        }
        byte[] firstHtml = Files.readAllBytes(run.resolve("REPORT.html"));
        ReportGenerator.writeReport(run);
        assertArrayEquals(first, Files.readAllBytes(run.resolve("REPORT.md")));
        assertArrayEquals(firstHtml, Files.readAllBytes(run.resolve("REPORT.html")));
        String html = new String(firstHtml, java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(html.contains("<img"), "every chart inline in the HTML report");
        assertTrue(html.contains("<h2>Recommendation</h2>") && html.contains("<h2>All workloads</h2>"), "same sections");
        assertEquals(charts, listCharts());
        for (int i = 0; i < svgs.length; i++) {
            assertArrayEquals(svgs[i], Files.readAllBytes(charts.get(i)), charts.get(i).toString());
        }
        assertTrue(charts.size() >= 10, "three forests and their small multiples, range, burst and four simulation charts: "
                + charts);
        String md = Files.readString(run.resolve("REPORT.md"));
        assertTrue(md.contains("## Simulation"), md);
        for (Path c : charts) {
            assertTrue(md.contains("(charts/" + c.getFileName() + ")"), "the report links " + c.getFileName());
            assertTrue(Files.readString(c).startsWith("<?xml"), c.toString());
        }
    }

    @Test
    void missingOrMalformedInputNamesTheFileAndLeavesNoReport() throws IOException {
        Files.delete(run.resolve("jmh.json"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> ReportGenerator.writeReport(run));
        assertTrue(missing.getMessage().contains("jmh.json: missing"), missing.getMessage());
        assertFalse(Files.exists(run.resolve("REPORT.md")));

        Files.writeString(run.resolve("jmh.json"), "[{\"benchmark\": \"x\",");
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class, () -> ReportGenerator.writeReport(run));
        assertTrue(malformed.getMessage().contains("jmh.json: malformed JSON"), malformed.getMessage());
        assertTrue(malformed.getMessage().contains("line 1"), malformed.getMessage());
        assertFalse(Files.exists(run.resolve("REPORT.md")));
        assertFalse(Files.exists(run.resolve("charts")));

        Files.writeString(run.resolve("jmh.json"), "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\", \"primaryMetric\": "
                + "{\"score\": \"fast\", \"scoreUnit\": \"ns/op\"}}]");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ReportGenerator.writeReport(run));
        assertTrue(bad.getMessage().contains("jmh.json: [0].primaryMetric.score: 'fast' is not a number"), bad.getMessage());
    }

    @Test
    void theIndexListsRunsNewestFirstWithTheirHeadline() throws IOException {
        Path older = run.resolveSibling("20261124-090000-smoke");
        Files.createDirectories(older);
        for (String f : List.of("jmh.json", "environment.json")) {
            Files.copy(run.resolve(f), older.resolve(f));
        }
        Path index = ReportGenerator.writeIndex(tmp.resolve("results"));
        String md = Files.readString(index);
        assertTrue(md.contains("Latest: [20261125-100000-quick](runs/20261125-100000-quick/REPORT.md)"), md);
        assertTrue(md.indexOf("20261125-100000-quick](") < md.indexOf("20261124-090000-smoke]("), md);
        assertTrue(md.contains("a tie between **fifo**, **timing-wheel**"), md);
    }

    @Test
    void comparisonJudgesChangesOnRatioIntervalsOverForks() throws IOException {
        Path next = run.resolveSibling("20261125-120000-quick");
        Files.createDirectories(next);
        Files.copy(run.resolve("environment.json"), next.resolve("environment.json"));
        // bitset on q170791 slows from 8.0 to 12.0 in every fork (forks spread by 2%); the rest is unchanged
        com.fasterxml.jackson.databind.node.ArrayNode jmh =
                (com.fasterxml.jackson.databind.node.ArrayNode) AtomicFiles.JSON.readTree(run.resolve("jmh.json").toFile());
        for (com.fasterxml.jackson.databind.JsonNode n : jmh) {
            if (n.path("params").path("allocator").asText().equals("bitset")
                    && n.path("params").path("workload").asText().equals("q170791-rho0.99")) {
                com.fasterxml.jackson.databind.node.ObjectNode pm = (com.fasterxml.jackson.databind.node.ObjectNode) n.get("primaryMetric");
                pm.put("score", 12.0);
                pm.putArray("scoreConfidence").add(11.9).add(12.1);
                com.fasterxml.jackson.databind.node.ArrayNode raw = pm.putArray("rawData");
                for (double f : new double[] {0.98, 1.0, 1.02}) {
                    raw.addArray().add(12.0 * f).add(12.0 * f);
                }
            }
        }
        AtomicFiles.writeJson(next.resolve("jmh.json"), jmh);
        String md = RunComparison.markdown(run, next);
        assertTrue(md.contains("| ReplayBenchmark.replay allocator=bitset workload=q170791-rho0.99 | 8.00 ± 0.92 | 12.0 ± 1.38 | "
                + "1.500 | 1.303-1.726 | **slower** |"), md);
        assertTrue(md.contains("| ReplayBenchmark.replay allocator=fifo workload=q170791-rho0.99 | 6.00 ± 0.69 | 6.00 ± 0.69 | "
                + "1.000 | 0.869-1.151 | no change shown |"), "2% fork spread hides up to 15% at 99.9% with 3 forks: " + md);
        assertTrue(md.contains("| ReplayBenchmark.replay allocator=bitset workload=scale-3976 | 8.00 ± n/a | 8.00 ± n/a | 1.000 "
                + "| n/a | not resolved |"), "one fork on each side: " + md);
        assertTrue(md.contains("1 changed: the 99.9% interval of new / base over fork means excludes 1"), md);
        assertFalse(md.contains("Different machines"), "one machine: " + md);
        Files.writeString(next.resolve("environment.json"),
                Files.readString(next.resolve("environment.json")).replace("Fixture CPU", "Other CPU"));
        String otherMachine = RunComparison.markdown(run, next);
        assertTrue(otherMachine.contains("**Warning: different machines or JDKs** (CPU Fixture CPU vs Other CPU)"), otherMachine);
        assertTrue(otherMachine.contains("| ReplayBenchmark.replay allocator=bitset workload=q170791-rho0.99 | 8.00 ± 0.92 | "
                + "12.0 ± 1.38 | 1.500 | 1.500 | "), "relative to jdk-collections, unchanged, bitset is 1.5x: " + otherMachine);
        assertTrue(otherMachine.contains("**relatively slower** |"), otherMachine);
        assertTrue(otherMachine.contains("| HarnessBaselineBenchmark.replay workload=q170791-rho0.99 |"), otherMachine);
        assertTrue(otherMachine.contains("not judged (no same-run baseline"), "the harness has no allocator: " + otherMachine);
        assertFalse(otherMachine.contains("| **slower** |"), "absolute times are not judged: " + otherMachine);
    }

    @Test
    void aMachineTwiceAsSlowEverywhereChangesNoRelativeVerdict() throws IOException {
        Path next = run.resolveSibling("20261125-130000-quick");
        Files.createDirectories(next);
        Files.writeString(next.resolve("environment.json"), Files.readString(run.resolve("environment.json"))
                .replace("\"runtime\": \"17.0.15+6\"", "\"runtime\": \"25.0.3+9-LTS\""));
        com.fasterxml.jackson.databind.node.ArrayNode jmh =
                (com.fasterxml.jackson.databind.node.ArrayNode) AtomicFiles.JSON.readTree(run.resolve("jmh.json").toFile());
        for (com.fasterxml.jackson.databind.JsonNode n : jmh) {
            com.fasterxml.jackson.databind.node.ObjectNode pm = (com.fasterxml.jackson.databind.node.ObjectNode) n.get("primaryMetric");
            if (pm.path("score").isNumber()) {
                pm.put("score", 2 * pm.get("score").asDouble());
            }
            com.fasterxml.jackson.databind.node.ArrayNode raw = (com.fasterxml.jackson.databind.node.ArrayNode) pm.get("rawData");
            for (int f = 0; raw != null && f < raw.size(); f++) {
                com.fasterxml.jackson.databind.node.ArrayNode fork = (com.fasterxml.jackson.databind.node.ArrayNode) raw.get(f);
                for (int i = 0; i < fork.size(); i++) {
                    fork.set(i, 2 * fork.get(i).asDouble());
                }
            }
        }
        AtomicFiles.writeJson(next.resolve("jmh.json"), jmh);
        RunData base = RunData.load(run);
        RunData slow = RunData.load(next);
        assertEquals("JVM 17.0.15+6 vs 25.0.3+9-LTS", RunComparison.machineDifference(base, slow));
        assertNull(RunComparison.machineDifference(base, base));
        List<RunComparison.Change> changes = RunComparison.changes(base, slow);
        RunComparison.Change bitset = changes.stream()
                .filter(c -> c.key().equals("ReplayBenchmark.replay allocator=bitset workload=q170791-rho0.99")).findFirst().orElseThrow();
        assertEquals(RatioEstimate.Verdict.HIGHER, bitset.verdict(), "in absolute time it is 2x slower");
        assertEquals(RatioEstimate.Verdict.NO_DIFFERENCE_SHOWN, bitset.relativeVerdict(), "relative to its baseline, unchanged");
        assertEquals(1.0, bitset.relativeEstimate().ratio(), 1e-9);
        String md = RunComparison.markdown(base, slow);
        assertTrue(md.contains("**Warning: different machines or JDKs** (JVM 17.0.15+6 vs 25.0.3+9-LTS)"), md);
        assertFalse(md.contains("relatively slower |") || md.contains("relatively faster |"), md);
    }

    @Test
    void publishingPutsTheHeadlineBetweenTheReadmeMarkers() throws IOException {
        Path root = tmp;
        Files.writeString(root.resolve("README.md"), "# p\n\n" + ReadmeHeadline.HEADLINE_START + "\nold\n"
                + ReadmeHeadline.HEADLINE_END + "\n\nrest\n");
        ReportGenerator.publish(root, run);
        String readme = Files.readString(root.resolve("README.md"));
        assertFalse(readme.contains("\nold\n"), readme);
        assertTrue(readme.contains("a tie between **fifo**, **timing-wheel**"), readme);
        assertTrue(readme.contains("(results/runs/20261125-100000-quick/REPORT.md)"), readme);
        assertTrue(readme.endsWith(ReadmeHeadline.HEADLINE_END + "\n\nrest\n"), readme);
        Files.writeString(root.resolve("README.md"), "# no markers\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportGenerator.publish(root, run));
        assertTrue(e.getMessage().contains("no headline markers"), e.getMessage());
        assertEquals("# no markers\n", Files.readString(root.resolve("README.md")));
    }

    @Test
    void theSelectionSectionPutsQualityAndCostSideBySideAndPicksPerUse() throws IOException {
        AtomicFiles.writeJson(run.resolve("selection.json"), dev.portbench.selection.SelectionStudy.run(2));
        com.fasterxml.jackson.databind.node.ArrayNode jmh =
                (com.fasterxml.jackson.databind.node.ArrayNode) AtomicFiles.JSON.readTree(run.resolve("jmh.json").toFile());
        com.fasterxml.jackson.databind.JsonNode template = jmh.get(0);
        java.util.Map<String, Double> costs = new java.util.LinkedHashMap<>();
        costs.put("fifo/least-recently-used", 5.0);
        costs.put("bitset/sequential", 6.0);
        costs.put("indexed-set/uniform-random", 8.0);
        costs.put("bitset/random-start", 12.0);
        costs.put("bitset/random-pick", 9.0);
        costs.put("bitset/random-increments", 30.0);
        for (java.util.Map.Entry<String, Double> e : costs.entrySet()) {
            com.fasterxml.jackson.databind.node.ObjectNode n = template.deepCopy();
            n.put("benchmark", "dev.portbench.jmh.SelectionBenchmark.replay");
            n.putObject("params").put("policy", e.getKey());
            com.fasterxml.jackson.databind.node.ObjectNode pm = (com.fasterxml.jackson.databind.node.ObjectNode) n.get("primaryMetric");
            pm.put("score", e.getValue());
            pm.putArray("scoreConfidence").add(e.getValue() - 0.1).add(e.getValue() + 0.1);
            com.fasterxml.jackson.databind.node.ArrayNode raw = pm.putArray("rawData");
            for (double f : new double[] {0.98, 1.0, 1.02}) {
                raw.addArray().add(e.getValue() * f);
            }
            jmh.add(n);
        }
        AtomicFiles.writeJson(run.resolve("jmh.json"), jmh);
        String md = Files.readString(ReportGenerator.writeReport(run));
        assertTrue(md.contains("## Port-selection policies"), md);
        assertTrue(md.contains("| bitset/random-pick | 2 | 9.00 ± 1.03 |"), md);
        assertTrue(md.contains("**Load balancer or SNAT pool** (throughput first, never fail while ports are free): "
                + "**fifo/least-recently-used**, 5.00 ns/event, ahead of bitset/sequential (6.00 ns); it is 100.00% predictable."), md);
        assertTrue(md.contains("**Client stack** (unpredictable to blind attackers, never a false failure): "
                + "**indexed-set/uniform-random**, 8.00 ns/event"), md);
        assertFalse(md.contains("**bitset/random-pick**"), "random pick fails falsely, so it is never picked: " + md);
        assertTrue(md.contains("### The picks at every load"), md);
        assertTrue(md.contains("| fixed-rate | 0.50 | fifo/least-recently-used | indexed-set/uniform-random |"), "picks at rho 0.5: " + md);
        assertTrue(md.contains("| poisson | 0.99 |"), "the picks with Poisson arrivals too: " + md);
        assertTrue(md.contains("- Across arrival shapes: "), md);
        assertTrue(md.contains("### Probes per allocation against load"), "a table instead of a 23-series chart: " + md);
        assertFalse(Files.exists(run.resolve("charts/selection-probes.svg")));
    }

    @Test
    void theBulkExpirySectionGivesTheTimedCallAndTheTailWithTheirForkSpread() throws IOException {
        com.fasterxml.jackson.databind.node.ArrayNode jmh =
                (com.fasterxml.jackson.databind.node.ArrayNode) AtomicFiles.JSON.readTree(run.resolve("jmh.json").toFile());
        com.fasterxml.jackson.databind.JsonNode template = jmh.get(0);
        // single-shot microseconds per fork: fifo about 100, heap about 1000 at 64512 ports
        java.util.Map<String, double[][]> shots = new java.util.LinkedHashMap<>();
        shots.put("heap", new double[][] {{900, 1100}, {1000, 1000}, {950, 1050}});
        shots.put("fifo", new double[][] {{90, 110}, {100, 100}, {120, 130}});
        for (java.util.Map.Entry<String, double[][]> e : shots.entrySet()) {
            com.fasterxml.jackson.databind.node.ObjectNode n = template.deepCopy();
            n.put("benchmark", "dev.portbench.jmh.BulkExpiryBenchmark.expireAll");
            n.put("mode", "ss");
            n.putObject("params").put("allocator", e.getKey()).put("ports", "64512");
            com.fasterxml.jackson.databind.node.ObjectNode pm = (com.fasterxml.jackson.databind.node.ObjectNode) n.get("primaryMetric");
            pm.put("scoreUnit", "us/op");
            com.fasterxml.jackson.databind.node.ArrayNode raw = pm.putArray("rawData");
            for (double[] fork : e.getValue()) {
                com.fasterxml.jackson.databind.node.ArrayNode f = raw.addArray();
                for (double v : fork) {
                    f.add(v);
                }
            }
            jmh.add(n);
        }
        // the burst tail of heap: two forks, each 7,951 fast events and one bulk expiry (as on burst), of 5 and 8 us
        for (com.fasterxml.jackson.databind.JsonNode n : jmh) {
            if (n.path("benchmark").asText().endsWith("BurstLatencyBenchmark.replay") && n.path("params").path("allocator").asText().equals("heap")) {
                com.fasterxml.jackson.databind.node.ArrayNode h = ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("primaryMetric"))
                        .putArray("rawDataHistogram");
                for (double worst : new double[] {5000, 8000}) {
                    h.addArray().addArray().add(AtomicFiles.JSON.createArrayNode().add(40).add(7951))
                            .add(AtomicFiles.JSON.createArrayNode().add(worst).add(1));
                }
            }
        }
        AtomicFiles.writeJson(run.resolve("jmh.json"), jmh);
        String md = ReportGenerator.render(RunData.load(run)).markdown();
        assertTrue(md.contains("## The bulk expiry: the worst call, measured"), md);
        assertTrue(md.contains("| fifo | 64512 | 100 | 100-125 (3) |"), md);
        assertTrue(md.contains("| heap | 64512 | 1,000 | 1,000-1,000 (3) |"), md);
        assertTrue(md.contains("- Tail: freeing 64512 ports due at once takes one call of 100 us on **fifo** (median over forks); "
                + "the next, heap, takes 10x as long ("), md);
        assertTrue(md.contains("| heap | 2 | 40.0 (40.0-40.0) | 6,500 (5,000-8,000) | 6,500 (5,000-8,000) |"),
                "the expiry shows at p99.99 and max, not p99.9, with the fork spread: " + md);
    }

    @Test
    void theCostBreakdownNetsTheFloorAndNamesTheCallThatMovesBetweenWorkloads() throws IOException {
        com.fasterxml.jackson.databind.node.ArrayNode jmh =
                (com.fasterxml.jackson.databind.node.ArrayNode) AtomicFiles.JSON.readTree(run.resolve("jmh.json").toFile());
        com.fasterxml.jackson.databind.JsonNode template = jmh.get(0);
        // fifo: allocate 30 -> 45 ns from fixed rate to Poisson, release and expire steady; floor 20 ns
        double[][] fifo = {{30, 25, 22}, {45, 26, 23}};
        String[] workloads = {"q170791-rho0.99", "scale-3976"};
        String[] ops = {"allocate", "release", "expire"};
        for (int w = 0; w < 2; w++) {
            for (int o = 0; o < 3; o++) {
                com.fasterxml.jackson.databind.node.ObjectNode n = template.deepCopy();
                n.put("benchmark", "dev.portbench.jmh.CostBreakdownBenchmark.call");
                n.putObject("params").put("allocator", "fifo").put("operation", ops[o]).put("workload", workloads[w]);
                com.fasterxml.jackson.databind.node.ObjectNode pm = (com.fasterxml.jackson.databind.node.ObjectNode) n.get("primaryMetric");
                pm.put("score", fifo[w][o]);
                pm.putArray("rawData").add(AtomicFiles.JSON.createArrayNode().add(fifo[w][o]))
                        .add(AtomicFiles.JSON.createArrayNode().add(fifo[w][o]));
                jmh.add(n);
            }
        }
        com.fasterxml.jackson.databind.node.ObjectNode floor = template.deepCopy();
        floor.put("benchmark", "dev.portbench.jmh.InvocationFloorBenchmark.call");
        floor.remove("params");
        ((com.fasterxml.jackson.databind.node.ObjectNode) floor.get("primaryMetric")).put("score", 20.0);
        jmh.add(floor);
        AtomicFiles.writeJson(run.resolve("jmh.json"), jmh);
        String md = ReportGenerator.render(RunData.load(run)).markdown();
        assertTrue(md.contains("## Where the time goes: allocate, release and expire"), md);
        assertTrue(md.contains("net of the 20.0 ns clock-reading floor"), md);
        // per event on the fixed-rate trace: half opens, half closes, one expiry: 2 + (10 + 5) / 2 = 9.5
        assertTrue(md.contains("| fifo | 10.0 ± 0.00 | 5.00 ± 0.00 | 2.00 ± 0.00 | 9.50 | 6.00 |"), md);
        assertTrue(md.contains("from `q170791-rho0.99` to `scale-3976` its allocate call moves most, 10.0 -> 25.0 ns."), md);
    }

    private List<Path> listCharts() throws IOException {
        try (Stream<Path> s = Files.list(run.resolve("charts"))) {
            return s.sorted().toList();
        }
    }
}
