package dev.portbench.calibration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code linux-masquerade} analysis on recorded folders written here (no root needed): a run
 * the netfilter models reproduce, and one they must miss (a NAT that let every connect through).
 */
class MasqueradeAnalysisTest {

    private static final long MS = 1_000_000L;

    /** quick-held as the kernel answered it: 4 ports taken, the 5th and 6th connects time out after 3 s. */
    private static Path folder(Path root, int okConnects, long insertFailed) {
        MasqueradeScenario s = MasqueradeSuite.quick();
        Path dir = root.resolve("scenarios").resolve(s.id());
        List<MasqueradeAttempts.Row> rows = new ArrayList<>();
        for (MasqueradeScenario.Attempt a : s.plan()) {
            boolean ok = a.index() < okConnects;
            rows.add(new MasqueradeAttempts.Row(a.index(), a.offsetNanos(), a.offsetNanos() + MS / 2, a.destination(),
                    ok ? "OK" : "ETIMEDOUT", ok ? MS / 2 : 3_040 * MS, ok ? 60_000 + a.index() : -1, -1));
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        MasqueradeAttempts.write(dir.resolve("attempts.csv.gz"), rows);
        CalibrationJson.write(dir.resolve("nat-run.json"), new MasqueradeKernelRun(s, "test-kernel", "net:[2]", "net:[3]",
                "net:[4]", List.of(new SysctlSetting("net.netfilter.nf_conntrack_tcp_timeout_time_wait", null, "120"),
                new SysctlSetting("net.netfilter.nf_conntrack_tcp_timeout_close", null, "10")), "table ip portbench {}",
                Map.of("insert_failed", insertFailed, "drop", insertFailed), 4));
        CalibrationJson.write(dir.resolve("client-run.json"), new MasqueradeClientRun(List.of(),
                Map.of("TcpExt.TCPSynRetrans", (long) (6 - okConnects)), 6, Map.of()));
        return root;
    }

    @Test
    void theNetfilterModelsReproduceAKernelRunAndTheReportIsStable(@TempDir Path tmp) throws IOException {
        Path dir = folder(tmp.resolve("run"), 4, 4);
        Path md = MasqueradeAnalysis.analyse(dir);
        MasqueradeSummary s = CalibrationJson.read(dir.resolve(MasqueradeAnalysis.SUMMARY), MasqueradeSummary.class);
        assertEquals("netfilter-6.5", s.profileAllocator());
        MasqueradeComparison c = s.scenarios().get(0);
        assertEquals(4, c.kernel().established());
        assertEquals(2, c.kernel().failed());
        for (Map.Entry<String, MasqueradeComparison.ModelRange> e : c.models().entrySet()) {
            for (MasqueradeMetrics m : List.of(e.getValue().low(), e.getValue().high())) {
                assertEquals(4, m.established(), e.getKey());
                assertEquals(2, m.failed(), e.getKey());
                assertEquals(4, m.droppedSyns(), e.getKey() + ": a SYN and one retransmission per failed connect");
            }
            assertEquals(List.of(), c.misses().get(e.getKey()), e.getKey());
        }
        assertEquals(Map.of("netfilter", 1L, "netfilter-6.5", 1L), s.matched());
        byte[] first = Files.readAllBytes(md);
        byte[] summary = Files.readAllBytes(dir.resolve(MasqueradeAnalysis.SUMMARY));
        MasqueradeAnalysis.analyse(dir);
        assertArrayEquals(first, Files.readAllBytes(md), "the same folder gives the same report");
        assertArrayEquals(summary, Files.readAllBytes(dir.resolve(MasqueradeAnalysis.SUMMARY)));
        assertTrue(Files.readString(md).contains("| failed (ETIMEDOUT) | 2 | 2 | 2 |"), Files.readString(md));
    }

    @Test
    void theResultsIndexListsEveryGatewayCheck(@TempDir Path tmp) {
        Path results = tmp.resolve("results");
        MasqueradeAnalysis.analyse(folder(results.resolve("calibration").resolve("20260101-k-linux-masquerade"), 4, 4));
        StringBuilder md = new StringBuilder();
        CalibrationSection.appendIndex(md, results);
        assertTrue(md.toString().contains("## Gateway checks"), md.toString());
        assertTrue(md.toString().contains("[20260101-k-linux-masquerade](calibration/20260101-k-linux-masquerade/"
                + MasqueradeAnalysis.REPORT + "): kernel test-kernel, profile model `netfilter-6.5`"), md.toString());
        StringBuilder none = new StringBuilder();
        CalibrationSection.appendIndex(none, tmp.resolve("nothing"));
        assertEquals("", none.toString());
    }

    @Test
    void aKernelThatLetEveryConnectThroughIsMissedByEveryModel(@TempDir Path tmp) {
        Path dir = folder(tmp.resolve("run"), 6, 0);
        MasqueradeAnalysis.analyse(dir);
        MasqueradeSummary s = CalibrationJson.read(dir.resolve(MasqueradeAnalysis.SUMMARY), MasqueradeSummary.class);
        for (List<String> misses : s.scenarios().get(0).misses().values()) {
            assertTrue(misses.containsAll(List.of("established", "failed", "droppedSyns")), misses.toString());
        }
        assertEquals(Map.of("netfilter", 0L, "netfilter-6.5", 0L), s.matched());
    }

    @Test
    void conntrackStatisticsAreSummedOverCpus() {
        String text = "entries  clashres found new invalid ignore delete chainlength insert insert_failed drop early_drop"
                + " icmp_error  expect_new expect_create expect_delete search_restart\n"
                + "00000002  00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000"
                + " 00000000 00000000  00000000 00000000 00000000 00000000\n"
                + "00000002  00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 0000000a 00000003"
                + " 00000000 00000000  00000000 00000000 00000000 00000001\n";
        Map<String, Long> m = MasqueradeChild.ConntrackStats.parse(text);
        assertEquals(10L, m.get("insert_failed"));
        assertEquals(3L, m.get("drop"));
        assertEquals(1L, m.get("search_restart"));
        assertEquals(false, m.containsKey("entries"), "a gauge, not a counter");
        assertThrows(IllegalArgumentException.class, () -> MasqueradeChild.ConntrackStats.parse("a b\n1\n"));
    }

    @Test
    void aScenarioPlansItsPhasesAndRefusesBadValues() {
        MasqueradeScenario s = MasqueradeSuite.byId("large-range-near-full");
        List<MasqueradeScenario.Attempt> plan = s.plan();
        assertEquals(980 + 200, plan.size());
        assertTrue(plan.get(979).held() && !plan.get(980).held());
        assertEquals(Math.round((980 / 200.0 + MasqueradeScenario.PHASE_GAP_SECONDS) * 1e9), plan.get(980).offsetNanos());
        assertEquals(7.0, s.giveUpSeconds(), "two retransmissions, 1 s then 2 s, then 4 s");
        MasqueradeScenario four = MasqueradeSuite.byId("held-four-destinations");
        assertEquals(List.of(0, 1, 2, 3, 0), four.plan().subList(0, 5).stream().map(MasqueradeScenario.Attempt::destination)
                .toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MasqueradeScenario("x", "x",
                50000, 50010, 1, 1, 1, 0, 1, 0, "fin", 2, 0, 0, 0));
        assertTrue(e.getMessage().contains("range: 50000-50010"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MasqueradeSuite.byId("nope"));
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("churn-fin"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MasqueradeScenario("x", "x", 40000, 40010, 1, 1, 1, 0, 1, 0,
                "idle", 2, 0, 0, 0));
    }
}
