package dev.portbench.calibration;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code ./portbench calibrate --gateway linux-masquerade} on the shaded jar: the short
 * {@code quick-held} scenario (4 NAT ports, 6 held connections, SYNs retried once) through a real
 * netfilter NAT in three namespaces the command creates, when this machine can (Linux, root, nft:
 * {@code calibration/install-tools.sh} installs the tools; .ci/run calls it); skipped with the
 * reason otherwise. About 10 s.
 */
class GatewayCalibrateIT {

    private static final Path JAR = CalibrateProcess.JAR;

    private static Process start(Map<String, String> env, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("--gateway", "linux-masquerade"));
        cmd.addAll(List.of(args));
        return CalibrateProcess.start(env, log, cmd);
    }

    @Test
    void fourPortsTakenTheNextConnectsTimeOutAndTheModelAgrees() throws Exception {
        String reason = MasqueradeRunner.unavailableReason();
        assumeTrue(reason == null, "a netfilter NAT in namespaces cannot run here: " + reason);
        Path out = JAR.getParent().resolve("gateway-calibration-it");
        Path log = JAR.getParent().resolve("gateway-calibration-it.log");
        Map<String, String> hostBefore = MasqueradeRunner.hostState();
        Process p = start(Map.of(), log, "--scenario", "quick-held", "--out", out.toString());
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the quick scenario ends within 2 minutes");
        String text = Files.readString(log);
        assertEquals(0, p.exitValue(), text);
        assertEquals(hostBefore, MasqueradeRunner.hostState(), "the host's sysctls and ruleset are untouched");

        Path scenario = out.resolve("scenarios/quick-held");
        MasqueradeKernelRun nat = CalibrationJson.read(scenario.resolve("nat-run.json"), MasqueradeKernelRun.class);
        String host = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        for (String ns : List.of(nat.natNamespace(), nat.clientNamespace(), nat.serverNamespace())) {
            assertNotEquals(host, ns, "every role ran outside the host's namespace");
        }
        assertTrue(nat.ruleset().contains("masquerade to :40000-40003"), nat.ruleset());
        List<MasqueradeAttempts.Row> attempts = MasqueradeAttempts.read(scenario.resolve("attempts.csv.gz"));
        for (int i = 0; i < 6; i++) {
            assertEquals(i < 4 ? "OK" : "ETIMEDOUT", attempts.get(i).outcome(), "attempt " + i);
        }
        for (int i = 0; i < 4; i++) {
            assertTrue(attempts.get(i).localPort() >= 50_000, "the client's own range, outside the NAT's");
        }
        assertEquals(4L, nat.conntrack().get("insert_failed"), "two SYNs of each failed connect found no NAT port");
        assertEquals(4, nat.conntrackEntries(), "the four held connections hold the four ports");

        MasqueradeSummary s = CalibrationJson.read(out.resolve(MasqueradeAnalysis.SUMMARY), MasqueradeSummary.class);
        MasqueradeComparison c = s.scenarios().get(0);
        assertEquals(4, c.kernel().established());
        assertEquals(List.of(), c.misses().get(s.profileAllocator()), "the profile's model agrees: " + c);
        assertTrue(Files.readString(out.resolve(MasqueradeAnalysis.REPORT)).contains("## quick-held"));
    }

    @Test
    void withoutTheToolsItSaysWhyAndExitsWithoutAStackTrace() throws Exception {
        Path log = JAR.getParent().resolve("gateway-calibration-it-refused.log");
        Path empty = Files.createDirectories(JAR.getParent().resolve("empty-path"));
        Path out = JAR.getParent().resolve("gateway-calibration-it-refused");
        Process p = start(Map.of("PATH", empty.toString()), log, "--scenario", "quick-held", "--out", out.toString());
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        String text = Files.readString(log);
        assertEquals(3, p.exitValue(), text);
        assertTrue(text.contains("unshare"), text);
        assertFalse(text.contains("Exception") || text.contains("\tat "), "no stack trace:\n" + text);
        assertFalse(Files.exists(out), "nothing written");
    }
}
