package dev.portbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portbench.io.AtomicFiles;
import dev.portbench.jmh.HarnessBaselineBenchmark;
import dev.portbench.jmh.ReplayBenchmark;
import dev.portbench.report.Analysis;
import dev.portbench.report.JmhResult;
import dev.portbench.report.RunData;
import dev.portbench.runfolder.RoundsFile;
import dev.portbench.runfolder.RunFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adaptive rounds end to end with a stand-in for JMH that writes JMH's JSON for the forks it is
 * asked for: what the console says, the forks merged into jmh.json, rounds.json, and the run folder
 * read back by the report with the round of every fork.
 */
class AdaptiveRoundsTest {

    private static final String REPLAY = ReplayBenchmark.class.getName() + ".replay";
    private static final String HEADLINE = "q170791-rho0.99";
    private static final Map<String, Double> TRUE_MEANS = Map.of("RING", 10.0, "FIFO", 10.6, "BITSET", 20.0);

    @TempDir
    Path runDir;

    private final SplittableRandom random = new SplittableRandom(2026_12_07L);

    @Test
    void openPairsGetForksEveryForkIsMergedAndTheReportReadsTheRounds() throws Exception {
        ArrayNode main = AtomicFiles.JSON.createArrayNode();
        for (String a : List.of("RING", "FIFO", "BITSET")) {
            main.add(result(REPLAY, a, 2));
        }
        ObjectNode harness = result(HarnessBaselineBenchmark.class.getName() + ".replay", null, 2);
        main.add(harness);
        AtomicFiles.write(runDir.resolve(RunFiles.JMH), AtomicFiles.JSON.writeValueAsString(main));
        Files.copy(Path.of("..", "results", "runs", "20261126-123859-quick", RunFiles.ENVIRONMENT),
                runDir.resolve(RunFiles.ENVIRONMENT));

        JmhPlan plan = new JmhPlan(Profile.QUICK, List.of("ring", "fifo", "bitset"), List.of(HEADLINE), null, List.of(), runDir,
                null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RoundsFile rounds = new AdaptiveRounds(Profile.QUICK, runDir, plan::roundArguments, this::fakeJmh,
                new PrintStream(out, true, StandardCharsets.UTF_8)).run(12.5);
        String console = out.toString(StandardCharsets.UTF_8);

        assertTrue(console.contains("adding ") && console.contains(" to ring vs fifo on " + HEADLINE + ": ratio "), console);
        assertTrue(console.contains("after round 1: 1 of 3 pairs open (neighbours in each workload, every pair of the headline"), console);
        assertTrue(rounds.rounds().size() >= 2, console);
        assertEquals(6, rounds.rounds().get(0).forksAdded(), "round 1: every fork of the main pass");
        assertEquals(12.5, rounds.rounds().get(0).seconds());
        assertTrue(rounds.rounds().get(rounds.rounds().size() - 1).stop() != null, "the last round says why it is the last");
        assertEquals(AtomicFiles.JSON.writeValueAsString(rounds), AtomicFiles.JSON.writeValueAsString(
                RunFiles.read(runDir.resolve(RoundsFile.FILE), RoundsFile.class, RoundsFile.SCHEMA)), "rounds.json holds what run answered");
        try (Stream<Path> s = Files.list(runDir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith("jmh-round")), "round files merged and deleted");
        }

        JsonNode merged = AtomicFiles.JSON.readTree(runDir.resolve(RunFiles.JMH).toFile());
        assertEquals(4, merged.size(), "no result added: forks appended to their results");
        assertEquals(harness, merged.get(3), "a benchmark the rounds do not judge is untouched");
        for (RoundsFile.Forks f : rounds.forks()) {
            JsonNode r = find(merged, f.params().get("allocator"));
            assertEquals(f.rounds().length, r.path("primaryMetric").path("rawData").size(), f.toString());
            assertEquals(f.rounds().length, r.path("forks").asInt());
            assertEquals(1, f.rounds()[0]);
            assertEquals(1, f.rounds()[1]);
            double sum = 0;
            int n = 0;
            for (JsonNode fork : r.path("primaryMetric").path("rawData")) {
                for (JsonNode v : fork) {
                    sum += v.asDouble();
                    n++;
                }
            }
            assertEquals(sum / n, r.path("primaryMetric").path("score").asDouble(), 1e-9, "the score over every fork");
        }
        int added = rounds.rounds().stream().skip(1).mapToInt(RoundsFile.Round::forksAdded).sum();
        assertEquals(added, rounds.forks().stream().mapToInt(f -> f.rounds().length - 2).sum(), "every added fork has its round");
        assertTrue(added > 0);

        RunData data = RunData.load(runDir);
        JmhResult ring = byAllocator(data, "ring");
        JmhResult fifo = byAllocator(data, "fifo");
        assertEquals(rounds.rounds().size(), ring.raw().rounds().looks());
        assertArrayEquals(rounds.forks().stream().filter(f -> f.params().get("allocator").equals("ring")).findFirst()
                .orElseThrow().rounds(), ring.raw().rounds().rounds());
        assertEquals(rounds.design().ratio(ring.forkSample(), ring.raw().rounds().rounds(), fifo.forkSample(),
                fifo.raw().rounds().rounds(), rounds.rounds().size()), Analysis.ratio(ring, fifo),
                "the report's verdict is the sequential design's");
        assertNull(data.of("HarnessBaselineBenchmark.replay").get(0).raw().rounds(), "the rounds judge only the replay results");
    }

    @Test
    void aRoundThatRepeatsAnUnknownBenchmarkIsRefused() throws IOException {
        ArrayNode main = AtomicFiles.JSON.createArrayNode().add(result(REPLAY, "RING", 2));
        ArrayNode round = AtomicFiles.JSON.createArrayNode().add(result(REPLAY, "FIFO", 1));
        Path mainFile = runDir.resolve("jmh.json");
        Path roundFile = runDir.resolve("jmh-round2-1.json");
        AtomicFiles.write(mainFile, AtomicFiles.JSON.writeValueAsString(main));
        AtomicFiles.write(roundFile, AtomicFiles.JSON.writeValueAsString(round));
        String before = Files.readString(mainFile);
        assertTrue(assertThrows(IllegalStateException.class, () -> JmhJsonFiles.appendForks(mainFile, roundFile)).getMessage()
                .contains("is not in"));
        assertEquals(before, Files.readString(mainFile), "nothing written");
    }

    private static JsonNode find(JsonNode results, String allocatorId) {
        for (JsonNode r : results) {
            if (r.path("params").path("allocator").asText().equalsIgnoreCase(allocatorId)) {
                return r;
            }
        }
        throw new AssertionError(allocatorId);
    }

    private static JmhResult byAllocator(RunData data, String id) {
        return data.of("ReplayBenchmark.replay").stream().filter(r -> id.equals(r.param("allocator"))).findFirst().orElseThrow();
    }

    /** Reads JMH's arguments as the plan builds them and writes JMH's JSON for the forks asked. */
    private void fakeJmh(List<String> args, int benchmarks, double seconds) {
        List<String> allocators = null;
        int forks = 0;
        Path file = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "-p" -> {
                    if (args.get(i + 1).startsWith("allocator=")) {
                        allocators = List.of(args.get(i + 1).substring("allocator=".length()).split(","));
                    } else {
                        assertEquals("workload=" + HEADLINE, args.get(i + 1));
                    }
                }
                case "-f" -> forks = Integer.parseInt(args.get(i + 1));
                case "-rff" -> file = Path.of(args.get(i + 1));
                default -> {
                }
            }
        }
        assertEquals(benchmarks, allocators.size());
        ArrayNode out = AtomicFiles.JSON.createArrayNode();
        for (String a : allocators) {
            out.add(result(REPLAY, a, forks));
        }
        try {
            AtomicFiles.write(file, AtomicFiles.JSON.writeValueAsString(out));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** One JMH result with {@code forks} forks of two iterations, 3% fork-to-fork spread around the allocator's mean. */
    private ObjectNode result(String benchmark, String allocator, int forks) {
        ObjectNode r = AtomicFiles.JSON.createObjectNode();
        r.put("benchmark", benchmark).put("mode", "avgt").put("forks", forks);
        ObjectNode params = r.putObject("params");
        if (allocator != null) {
            params.put("allocator", allocator);
        }
        params.put("workload", HEADLINE);
        ObjectNode metric = r.putObject("primaryMetric");
        double mean = allocator == null ? 3 : TRUE_MEANS.get(allocator);
        ArrayNode raw = metric.putArray("rawData");
        double sum = 0;
        for (int f = 0; f < forks; f++) {
            double fork = mean * Math.exp(0.03 * random.nextGaussian());
            raw.addArray().add(fork * 0.99).add(fork * 1.01);
            sum += 2 * fork;
        }
        metric.put("score", sum / (2 * forks)).put("scoreError", 0.1).put("scoreUnit", "ns/op");
        metric.putArray("scoreConfidence").add(0).add(1);
        metric.putObject("scorePercentiles").put("50.0", mean);
        return r;
    }
}
