package dev.portbench.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portbench.cli.PortBench;
import dev.portbench.io.AtomicFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code ./portbench calibrate} on the shaded jar: the short {@code quick-exhaustion} scenario (50
 * ports at 100 connects/s for 3 s) in a real network namespace when this machine has them
 * (Linux, root), skipped with the reason otherwise; and the clear refusal when {@code unshare}
 * is missing. Runs in the {@code integration-test} phase of {@code ./mvnw verify}.
 */
class CalibrateIT {

    private static final Path JAR = Path.of(System.getProperty("portbench.jar", "target/portbench.jar")).toAbsolutePath();
    private static final Path ROOT = JAR.getParent().getParent().getParent();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private static Process start(Map<String, String> env, Path log, String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(JAVA, "-cp", JAR.toString(), PortBench.class.getName(),
                "--root", ROOT.toString(), "calibrate"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    @Test
    void aShortScenarioRunsInItsOwnNamespaceAndTheModelAgrees() throws Exception {
        String reason = Namespaces.unavailableReason();
        assumeTrue(reason == null, "network namespaces unavailable here: " + reason);
        Path out = JAR.getParent().resolve("calibration-it");
        Path log = JAR.getParent().resolve("calibration-it.log");
        Map<String, String> hostBefore = Namespaces.hostSysctls();
        Process p = start(Map.of(), log, "--scenario", "quick-exhaustion", "--lateness", "resource", "--out", out.toString());
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the quick scenario ends within 2 minutes");
        String text = Files.readString(log);
        assertEquals(0, p.exitValue(), text);
        assertEquals(hostBefore, Namespaces.hostSysctls(), "the host's sysctls are untouched");

        Path scenario = out.resolve("scenarios/quick-exhaustion");
        KernelRun run = CalibrationAnalysis.read(scenario.resolve("kernel-run.json"), KernelRun.class);
        assertEquals("40000 40049", run.sysctls().get(0).readBack(), "the range was set inside the namespace");
        assertEquals("0", run.sysctls().get(1).readBack(), "tcp_tw_reuse off inside the namespace");
        assertFalse(run.networkNamespace().equals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString()),
                "the child ran in another network namespace");
        assertEquals(0, run.timeWaitBefore(), "a fresh namespace has no TIME-WAIT");
        AttemptLog attempts = AttemptLog.read(scenario.resolve("attempts.csv.gz"));
        assertEquals(50L, attempts.outcomeCounts().get(AttemptLog.OK), "exactly the range's 50 ports connect");
        assertEquals(attempts.size() - 50L, attempts.outcomeCounts().getOrDefault("EADDRNOTAVAIL", 0L),
                "every other attempt fails with EADDRNOTAVAIL");
        for (int i = 0; i < 50; i++) {
            assertTrue(attempts.ok(i), "the first 50 attempts connect, attempt " + i + " did not");
        }
        HostObservation host = CalibrationAnalysis.read(scenario.resolve("host.json"), HostObservation.class);
        assertEquals(host.sysctlsBefore(), host.sysctlsAfter());

        JsonNode summary = AtomicFiles.JSON.readTree(out.resolve("summary.json").toFile());
        JsonNode s = summary.path("scenarios").get(0);
        assertEquals(50, s.path("kernel").path("successes").asInt());
        assertEquals(50, s.path("model").path("successes").asInt(), "the model gives the same 50 ports");
        assertEquals(s.path("kernel").path("firstFailureSeconds").asDouble(),
                s.path("model").path("firstFailureSeconds").asDouble(), "and fails at the same attempt");
        assertTrue(Files.readString(out.resolve("CALIBRATION.md")).contains(CalibrationSection.TITLE));
    }

    @Test
    void withoutUnshareItSaysWhyAndExitsWithoutAStackTrace() throws Exception {
        Path log = JAR.getParent().resolve("calibration-it-refused.log");
        Path empty = Files.createDirectories(JAR.getParent().resolve("empty-path"));
        Process p = start(Map.of("PATH", empty.toString()), log, "--scenario", "quick-exhaustion",
                "--out", JAR.getParent().resolve("calibration-it-refused").toString());
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        String text = Files.readString(log);
        assertEquals(3, p.exitValue(), text);
        assertTrue(text.contains("unshare"), text);
        assertFalse(text.contains("Exception") || text.contains("\tat "), "no stack trace:\n" + text);
        assertFalse(Files.exists(JAR.getParent().resolve("calibration-it-refused")), "nothing written");
    }
}
