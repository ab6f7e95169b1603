package dev.portbench.calibration;

import dev.portbench.stack.TimeWaitLateness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Summary and report section of a small recorded calibration folder, with a stand-in model whose
 * differences from the kernel are known, so every target check can be seen to pass or fail.
 */
class CalibrationSectionTest {

    private static final long S = 1_000_000_000L;
    private static final TimeWaitLateness LATENESS = new TimeWaitLateness("test-kernel", 250, 60 * S, 2_048_000_000L, 0,
            1_024_000_000L, 2_048_000_000L, "test", "", "");

    /** A scenario folder: 10 ports at 10/s for 100 attempts; ports back from 62 s. */
    private static Path writeScenario(Path dir, String id) {
        CalibrationScenario s = new CalibrationScenario(id, "test scenario", 40000, 40009, 1, false, 10, 10, false, false,
                0, 1000, 1000);
        Path sd = dir.resolve("scenarios").resolve(id);
        AttemptLog log = new AttemptLog();
        long start = 1000 * S;
        for (int i = 0; i < 700; i++) {
            long t = start + i * S / 10;
            boolean ok = i < 10 || (t - start >= 62 * S && i % 10 == 0);
            log.add(t, 0, ok ? AttemptLog.OK : "EADDRNOTAVAIL", ok ? 40000 + i % 10 : 0);
        }
        TimeWaitSeries tw = new TimeWaitSeries();
        tw.add(start, 0);
        tw.add(start + S, 10);
        try {
            Files.createDirectories(sd);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        log.write(sd.resolve("attempts.csv.gz"));
        tw.write(sd.resolve("timewait.csv.gz"));
        CalibrationJson.write(sd.resolve("kernel-run.json"), new KernelRun(s, "test-kernel", "net:[2]", "java",
                List.of(new SysctlSetting("net.ipv4.ip_local_port_range", "40000 40009", "40000 40009")), 0, start,
                start + 70 * S, log.size(), log.outcomeCounts(), log.outcomeCounts().get(AttemptLog.OK), 50_000_000L,
                Map.of("Tcp.OutRsts", 2L)));
        CalibrationJson.write(sd.resolve("host.json"), new HostObservation(3, Map.of("a", "1"), Map.of("a", "1")));
        return sd;
    }

    /** Replays the kernel's own outcomes, shifted by {@code lag} attempts. */
    private static PortModel shiftedModel(Path dir, int lag) {
        return new PortModel() {
            @Override
            public boolean[] replay(CalibrationScenario s, long[] times, int[] destinations) {
                boolean[] k = AttemptLog.read(dir.resolve("scenarios").resolve(s.id()).resolve("attempts.csv.gz")).successes();
                boolean[] out = new boolean[k.length];
                for (int i = 0; i < k.length; i++) {
                    out[i] = i - lag >= 0 && i - lag < k.length ? k[i - lag] : k[i];
                }
                return out;
            }

            @Override
            public String description() {
                return "shifted by " + lag;
            }
        };
    }

    @Test
    void aModelThatAgreesMeetsEveryTargetAndTheReportSaysSo(@TempDir Path tmp) {
        Path dir = tmp.resolve("results/calibration/20260101-test");
        writeScenario(dir, "exact");
        CalibrationJson.write(dir.resolve("kernel.json"), new KernelInfo("test-kernel", 250, "test"));
        CalibrationSummary s = CalibrationAnalysis.summarize(dir, LATENESS, null, shiftedModel(dir, 0));
        ScenarioComparison c = s.scenarios().get(0);
        assertTrue(c.allMet(), c.checks().toString());
        assertEquals(1.0, c.kernel().firstFailureSeconds(), 1e-9);
        assertEquals(62.0, c.kernel().recoverySeconds(), 1e-9);
        assertEquals(7, c.sameTupleReuses(), "port 40000 connects every second from 62 s: the first 62 s after its last use, the 7 others 1 s after");
        String md = CalibrationSection.render(s, "20260101-test");
        assertEquals(md, CalibrationSection.render(s, "20260101-test"), "same summary, same bytes");
        assertTrue(md.contains("1 of 1 scenarios meet every target"), md);
        assertFalse(md.contains("Misses, with numbers"), md);
    }

    @Test
    void aModelOffByThreeAttemptsMissesTheFirstFailureTargetWithNumbers(@TempDir Path tmp) {
        Path results = tmp.resolve("results");
        Path dir = results.resolve("calibration/20260101-test");
        writeScenario(dir, "late");
        CalibrationJson.write(dir.resolve("kernel.json"), new KernelInfo("test-kernel", 250, "test"));
        CalibrationSummary s = CalibrationAnalysis.summarize(dir, LATENESS, null, shiftedModel(dir, 3));
        MetricCheck first = s.scenarios().get(0).checks().get(0);
        assertEquals("first failure", first.metric());
        assertEquals(0.3, first.difference(), 1e-6);
        assertFalse(first.met());
        String md = CalibrationSection.render(s, "20260101-test");
        assertTrue(md.contains("Misses, with numbers"), md);
        assertTrue(md.contains("`late`, first failure: kernel 1.000 s, model 1.300 s, off by 0.300 s (allowed 0.100 s)"), md);

        CalibrationJson.write(dir.resolve("summary.json"), s);
        StringBuilder index = new StringBuilder();
        CalibrationSection.appendIndex(index, results);
        assertTrue(index.toString().contains("0 of 1 scenarios meet all targets"), index.toString());
        StringBuilder report = new StringBuilder();
        CalibrationSection.appendLatest(report, results.resolve("runs/20260101-000000-quick"));
        assertTrue(report.toString().contains("../../calibration/20260101-test/CALIBRATION.md"), report.toString());
        StringBuilder none = new StringBuilder();
        CalibrationSection.appendLatest(none, tmp.resolve("elsewhere/runs/x"));
        assertEquals("", none.toString(), "no calibration, no section");
    }
}
