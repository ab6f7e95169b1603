package dev.portbench.cli;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.jmh.ReplayBenchmark;
import dev.portbench.runfolder.EnvironmentFile;
import dev.portbench.runfolder.FootprintFile;
import dev.portbench.runfolder.JmhResultFile;
import dev.portbench.runfolder.RoundsFile;
import dev.portbench.runfolder.RunFiles;
import dev.portbench.runfolder.SelectionFile;
import dev.portbench.runfolder.SimulationFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the main command's {@code smoke} profile on the shaded jar, as {@code ./portbench run
 * --profile smoke --no-build} does, and checks the run folder is complete. Runs in the
 * {@code integration-test} phase of {@code ./mvnw verify}, after the jar is built.
 */
class SmokeRunIT {

    @Test
    void theSmokeProfileWritesACompleteRunFolder() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("portbench.jar", "target/portbench.jar")).toAbsolutePath();
        Path out = Path.of(System.getProperty("portbench.smokeOut", "target/smoke-run")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " is built before integration tests");
        deleteRecursively(out);
        Path root = jar.getParent().getParent().getParent();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", jar.toString(), PortBench.class.getName(),
                "--root", root.toString(), "run", "--profile", "smoke", "--out", out.toString()))
                .redirectErrorStream(true).redirectOutput(out.resolveSibling("smoke-run.log").toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the smoke run ends within 10 minutes");
        String log = Files.readString(out.resolveSibling("smoke-run.log"));
        assertEquals(0, p.exitValue(), log);

        for (String f : List.of("environment.json", "jmh.json", "rounds.json", "console.log", "footprint.json", "simulation.json", "selection.json", "REPORT.md", "REPORT.html")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " in the run folder\n" + log);
        }
        EnvironmentFile env = RunFiles.read(out.resolve(RunFiles.ENVIRONMENT), EnvironmentFile.class, EnvironmentFile.SCHEMA);
        assertEquals("complete", env.status());
        assertEquals("smoke", env.profile());
        assertNotNull(env.machine().cpuModel());
        assertTrue(env.machine().cores() > 0);
        assertNotNull(env.machine().kernel());
        assertNotNull(env.jvm().vendor());
        assertNotNull(env.jvm().version());
        assertFalse(env.jvm().flags().isEmpty());
        assertNotNull(env.git().commit());
        assertNotNull(env.git().dirty());
        assertNotNull(env.startedAt());
        assertNotNull(env.finishedAt());
        assertNotNull(env.command());
        assertEquals(org.openjdk.jmh.util.Version.getPlainVersion(), env.jmh().version());
        assertTrue(env.jmh().equivalentCommand().startsWith("java -jar cli/target/portbench.jar "), env.jmh().equivalentCommand());
        RunFiles.read(out.resolve(RunFiles.FOOTPRINT), FootprintFile.class, FootprintFile.SCHEMA);
        RunFiles.read(out.resolve(RunFiles.SIMULATION), SimulationFile.class, SimulationFile.SCHEMA);
        RunFiles.read(out.resolve(RunFiles.SELECTION), SelectionFile.class, SelectionFile.SCHEMA);

        Set<String> allocators = new HashSet<>();
        List<JmhResultFile> jmh = RunFiles.readJmh(out.resolve(RunFiles.JMH));
        for (JmhResultFile r : jmh) {
            if (r.benchmark().equals(ReplayBenchmark.class.getName() + ".replay")) {
                allocators.add(r.params().get("allocator"));
                assertTrue(r.primaryMetric().score() > 0);
            }
        }
        assertEquals(new HashSet<>(AllocatorCatalog.ids()), allocators, "every registered allocator was benchmarked, read back as ids");
        String raw = Files.readString(out.resolve(RunFiles.JMH));
        assertTrue(raw.contains("\"allocator\":\"TIMING_WHEEL\""), "JMH writes the enum parameter's constant names");
        Set<String> bulk = new HashSet<>();
        for (JmhResultFile r : jmh) {
            if (r.benchmark().endsWith("BulkExpiryBenchmark.expireAll")) {
                bulk.add(r.params().get("allocator") + "/" + r.params().get("ports"));
            }
        }
        assertEquals(2 * AllocatorCatalog.ids().size(), bulk.size(), "the bulk-expiry pass timed every allocator at both sizes: " + bulk);
        assertTrue(jmh.stream().anyMatch(r -> r.benchmark().endsWith("CostBreakdownBenchmark.call")), "the cost-breakdown pass was merged in");
        assertTrue(jmh.stream().anyMatch(r -> r.benchmark().endsWith("NatChurnBenchmark.churn")), "the NAT pass was merged in");
        assertTrue(jmh.stream().anyMatch(r -> r.benchmark().endsWith("NatFloorBenchmark.churn")), "with its floor");
        assertEquals(1, Files.readAllLines(out.resolve("jmh.json")).size(), "jmh.json is written compact");
        RoundsFile rounds = RunFiles.read(out.resolve(RoundsFile.FILE), RoundsFile.class, RoundsFile.SCHEMA);
        assertEquals(2, rounds.rounds().size(), "one fork each leaves every pair open: a second round ran\n" + log);
        assertTrue(log.contains("    adding "), "the console says what the round adds and why\n" + log);
        for (RoundsFile.Forks f : rounds.forks()) {
            JmhResultFile r = jmh.stream().filter(x -> x.benchmark().equals(f.benchmark()) && x.params().equals(f.params()))
                    .findFirst().orElseThrow();
            assertEquals(f.rounds().length, r.primaryMetric().rawData().length, "every fork of every round in jmh.json: " + f);
        }
        assertFalse(rounds.forks().isEmpty());
        assertEquals(jmh.size() + 1, Files.readAllLines(out.resolve("results.csv")).size(), "one CSV row per result");

        String report = Files.readString(out.resolve("REPORT.md"));
        assertTrue(report.contains("| timing-wheel |"), "the report's tables show ids");
        report.lines().filter(l -> l.contains("TIMING_WHEEL")).forEach(l -> assertTrue(l.contains("java -jar cli/target/portbench.jar"),
                "constant names only in the equivalent JMH command (which runs as printed): " + l));
        for (String section : List.of("## Environment", "## Recommendation", "## Workload `q170791-rho0.99`",
                "## Burst latency", "## The bulk expiry: the worst call, measured", "## Where the time goes",
                "## Memory footprint", "## Simulation", "## Rounds of forks", "## Port-selection policies",
                "## NAT: false exhaustion and cost per mapping")) {
            assertTrue(report.contains(section), section + " in REPORT.md");
        }
        assertTrue(report.contains("*floor (lower bound, not an allocator)*"), "the floor in the workload tables");
        assertTrue(report.contains("| 64,512 | 0.5 | exact |"), "the NAT allocators' cost in the NAT section");
        assertTrue(Files.isRegularFile(out.resolve("charts/nat-false-exhaustion-uniform.svg")));
        assertTrue(Files.isRegularFile(out.resolve("charts/forest-all.svg")));
        assertTrue(Files.readString(out.resolve("console.log")).contains("# Run complete."), "JMH's full output in console.log");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
