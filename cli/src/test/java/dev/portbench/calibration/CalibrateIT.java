package dev.portbench.calibration;

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
 * {@code ./portbench calibrate} on the shaded jar: the short {@code quick-cycle} scenario (50 ports,
 * Poisson arrivals at 100/s, held 400 ms, 97% closed by RST, 6 s: exhaustion and recovery, again)
 * in a real network namespace when this machine has them (Linux, root), checked whole against the
 * model: first failure, success, recovery and every outage (the port-choice shares are statistics
 * of a few hundred connects here, reported but not asserted); skipped with the reason otherwise; and the clear refusal when {@code unshare}
 * is missing. Runs in the {@code integration-test} phase of {@code ./mvnw verify}.
 */
class CalibrateIT {

    private static final Path JAR = CalibrateProcess.JAR;

    private static Process start(Map<String, String> env, Path log, String... args) throws IOException {
        return CalibrateProcess.start(env, log, List.of(args));
    }

    @Test
    void aShortWholeCycleRunsInItsOwnNamespaceAndTheModelMeetsEveryTarget() throws Exception {
        String reason = Namespaces.unavailableReason();
        assumeTrue(reason == null, "network namespaces unavailable here (calibrate needs Linux and root for unshare -n): "
                + reason);
        Path out = JAR.getParent().resolve("calibration-it");
        Path log = JAR.getParent().resolve("calibration-it.log");
        Map<String, String> hostBefore = Namespaces.hostSysctls();
        Process p = start(Map.of(), log, "--scenario", "quick-cycle", "--lateness", "resource", "--out", out.toString());
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the quick scenario ends within 2 minutes");
        String text = Files.readString(log);
        assertEquals(0, p.exitValue(), text);
        assertEquals(hostBefore, Namespaces.hostSysctls(), "the host's sysctls are untouched");

        Path scenario = out.resolve("scenarios/quick-cycle");
        KernelRun run = CalibrationAnalysis.read(scenario.resolve("kernel-run.json"), KernelRun.class);
        assertEquals("40000 40049", run.sysctls().get(0).readBack(), "the range was set inside the namespace");
        assertEquals("0", run.sysctls().get(1).readBack(), "tcp_tw_reuse off inside the namespace");
        assertFalse(run.networkNamespace().equals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString()),
                "the child ran in another network namespace");
        assertEquals(0, run.timeWaitBefore(), "a fresh namespace has no TIME-WAIT");
        AttemptLog attempts = AttemptLog.read(scenario.resolve("attempts.csv.gz"));
        assertTrue(attempts.outcomeCounts().getOrDefault("EADDRNOTAVAIL", 0L) > 0, "50 ports at 100/s run out");
        CloseLog closes = CloseLog.read(scenario.resolve(CloseLog.FILE));
        boolean[] resets = closes.resets(attempts.size());
        int rst = 0;
        for (boolean r : resets) {
            rst += r ? 1 : 0;
        }
        assertTrue(rst > 0, "some connections closed by RST");
        HostObservation host = CalibrationAnalysis.read(scenario.resolve("host.json"), HostObservation.class);
        assertEquals(host.sysctlsBefore(), host.sysctlsAfter());

        // the whole scenario against the model: first failure, success, recovery, every outage, port choice
        CalibrationSummary summary = CalibrationJson.read(out.resolve("summary.json"), CalibrationSummary.class);
        ScenarioComparison c = summary.scenarios().get(0);
        assertTrue(c.checks().size() >= 8, "every target is checked: " + c.checks());
        assertTrue(c.kernel().outageCount() >= 1 && !Double.isNaN(c.kernel().recoverySeconds()),
                "the kernel ran out and recovered: " + c.kernel());
        for (MetricCheck m : c.checks()) {
            if (!m.metric().equals("even ports") && !m.metric().equals("small steps")) {
                assertTrue(m.met(), "the model misses " + m + " (see " + out.resolve("CALIBRATION.md") + ")");
            }
        }
        assertTrue(Files.readString(out.resolve("CALIBRATION.md")).contains(CalibrationSection.TITLE));
    }

    @Test
    void withoutUnshareItSaysWhyAndExitsWithoutAStackTrace() throws Exception {
        Path log = JAR.getParent().resolve("calibration-it-refused.log");
        Path empty = Files.createDirectories(JAR.getParent().resolve("empty-path"));
        Process p = start(Map.of("PATH", empty.toString()), log, "--scenario", "quick-cycle",
                "--out", JAR.getParent().resolve("calibration-it-refused").toString());
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        String text = Files.readString(log);
        assertEquals(3, p.exitValue(), text);
        assertTrue(text.contains("unshare"), text);
        assertFalse(text.contains("Exception") || text.contains("\tat "), "no stack trace:\n" + text);
        assertFalse(Files.exists(JAR.getParent().resolve("calibration-it-refused")), "nothing written");
    }
}
