package dev.portbench.report;

import dev.portbench.io.AtomicFiles;
import dev.portbench.simulation.SimulationStudy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report generator on the committed fixture run (src/test/resources/fixture-run). */
class ReportGeneratorTest {

    @TempDir
    Path tmp;
    Path run;

    @BeforeEach
    void copyFixture() throws IOException, URISyntaxException {
        Path fixture = Path.of(getClass().getResource("/fixture-run/jmh.json").toURI()).getParent();
        run = tmp.resolve("results/runs/20261125-100000-quick");
        Files.createDirectories(run);
        try (Stream<Path> s = Files.list(fixture)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.copy(p, run.resolve(p.getFileName()));
            }
        }
    }

    @Test
    void readsJmhJsonIncludingNanAndInfinityStrings() {
        RunData data = RunData.load(run);
        JmhResult bitset = data.of(ReportGenerator.REPLAY).stream()
                .filter(r -> "bitset".equals(r.param("allocator")) && "scale-3976".equals(r.param("workload")))
                .findFirst().orElseThrow();
        assertEquals(8.0, bitset.score());
        assertTrue(Double.isNaN(bitset.error()), "JMH's \"NaN\" interval reads as no interval");
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
        // fifo 6.0 [5.8, 6.2] and timing-wheel 6.1 [5.9, 6.3] overlap: a tie for first, not a ranking
        assertTrue(md.contains("| =1 | fifo | 6.00 | 0.20 | 0.100 | 1.00 | 0 |"), md);
        assertTrue(md.contains("| =1 | timing-wheel | 6.10 |"), md);
        assertTrue(md.contains("| 3 | bitset | 8.00 |"), md);
        assertTrue(md.contains("| 4 | jdk-collections | 60.0 | 2.00 | 1.000 | 10.00 | 12.00 |"), md);
        assertTrue(md.contains("*harness (empty replay)* | 1.90"), md);
        assertTrue(md.contains("a tie between **fifo**, **timing-wheel** (intervals overlap): 6.00 ns/event, 10x faster than the "
                + "java.util baseline (14x net of the 1.90 ns empty-replay floor)"), md);
        assertTrue(md.contains("| fifo | 6.00 ± 0.10 | 7.20 ± 0.10 | 1.20x |"), "range-size table: " + md);
        assertTrue(md.contains("| fifo | 50.0 | 30.0 | 130 | 4,000 | 14,000 |"), md);
        assertTrue(md.contains("| heap | 50.0 | 30.0 | 130 | 75,000 | inf |"), md);
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
        ReportGenerator.writeReport(run);
        assertArrayEquals(first, Files.readAllBytes(run.resolve("REPORT.md")));
        assertEquals(charts, listCharts());
        for (int i = 0; i < svgs.length; i++) {
            assertArrayEquals(svgs[i], Files.readAllBytes(charts.get(i)), charts.get(i).toString());
        }
        assertTrue(charts.size() >= 7, "cost, range, burst and four simulation charts: " + charts);
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
    void comparisonMarksOnlyChangesOutsideTheIntervals() throws IOException {
        Path next = run.resolveSibling("20261125-120000-quick");
        Files.createDirectories(next);
        Files.copy(run.resolve("environment.json"), next.resolve("environment.json"));
        // bitset on q170791 slows from 8.0 [7.9, 8.1] to 9.0 [8.9, 9.1]; fifo moves within its interval
        com.fasterxml.jackson.databind.node.ArrayNode jmh =
                (com.fasterxml.jackson.databind.node.ArrayNode) AtomicFiles.JSON.readTree(run.resolve("jmh.json").toFile());
        for (com.fasterxml.jackson.databind.JsonNode n : jmh) {
            if (n.path("params").path("allocator").asText().equals("bitset")
                    && n.path("params").path("workload").asText().equals("q170791-rho0.99")) {
                com.fasterxml.jackson.databind.node.ObjectNode pm = (com.fasterxml.jackson.databind.node.ObjectNode) n.get("primaryMetric");
                pm.put("score", 9.0);
                pm.putArray("scoreConfidence").add(8.9).add(9.1);
            }
        }
        AtomicFiles.writeJson(next.resolve("jmh.json"), jmh);
        String md = RunComparison.markdown(run, next);
        assertTrue(md.contains("| ReplayBenchmark.replay allocator=bitset workload=q170791-rho0.99 | 8.00 ± 0.10 | 9.00 ± 0.10 | 1.125 | **slower** |"), md);
        assertTrue(md.contains("| ReplayBenchmark.replay allocator=fifo workload=q170791-rho0.99 | 6.00 ± 0.20 | 6.00 ± 0.20 | 1.000 | within noise |"), md);
        assertTrue(md.contains("changed beyond both 99.9% intervals"), md);
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
            jmh.add(n);
        }
        AtomicFiles.writeJson(run.resolve("jmh.json"), jmh);
        String md = Files.readString(ReportGenerator.writeReport(run));
        assertTrue(md.contains("## Port-selection policies"), md);
        assertTrue(md.contains("| bitset/random-pick | 2 | 9.00 ± 0.10 |"), md);
        assertTrue(md.contains("**Load balancer or SNAT pool** (throughput first, never fail while ports are free): "
                + "**fifo/least-recently-used**, 5.00 ns/event, ahead of bitset/sequential (6.00 ns); it is 100.00% predictable."), md);
        assertTrue(md.contains("**Client stack** (unpredictable to blind attackers, never a false failure): "
                + "**indexed-set/uniform-random**, 8.00 ns/event"), md);
        assertFalse(md.contains("**bitset/random-pick**"), "random pick fails falsely, so it is never picked: " + md);
        assertTrue(Files.isRegularFile(run.resolve("charts/selection-probes.svg")));
    }

    private List<Path> listCharts() throws IOException {
        try (Stream<Path> s = Files.list(run.resolve("charts"))) {
            return s.sorted().toList();
        }
    }
}
