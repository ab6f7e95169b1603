package dev.portbench.cli;

import dev.portbench.io.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trace commands: argument errors named, a CSV written and simulated end to end. */
class TraceCommandTest {

    private static void rejects(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PortBench.run(args));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should contain '" + expected + "'");
    }

    @Test
    void badTraceArgumentsAreNamed() {
        rejects("--client applies to a trace", "run", "--client", "10.0.0.1");
        rejects("--speed: '0' (expected a number > 0)", "simulate", "--trace", "x.csv", "--speed", "0");
        rejects("--range: '5000' (expected FIRST-LAST", "simulate", "--trace", "x.csv", "--range", "5000");
        rejects("stack: 'solaris'", "simulate", "--trace", "x.csv", "--stack", "solaris");
        rejects("client 'host.example' (expected a literal IPv4 or IPv6 address)", "trace", "x.pcap", "--client", "host.example");
        rejects("end: 'never'", "trace", "x.pcap", "--ends", "never");
        rejects("trace: 0 files given", "trace");
        rejects("no-such.pcap: no such file", "trace", "no-such.pcap");
    }

    @Test
    void exportImportAndSimulate(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("kb.csv");
        String out = capture(() -> PortBench.run(new String[] {"trace", "--workload", "q170791-rho1.25", "--csv", csv.toString()}));
        assertTrue(out.contains("wrote " + csv), out);
        assertTrue(Files.readString(csv).startsWith("open,close,destination,local_port,end\n0,0,synthetic:0,,client-close\n"));
        Path json = dir.resolve("study.json");
        out = capture(() -> PortBench.run(new String[] {"simulate", "--trace", csv.toString(), "--range", "1025-5000",
            "--time-wait", "240", "--stack", "windows95", "--out", json.toString()}));
        assertTrue(out.contains("windows95 (custom)"), out);
        var doc = AtomicFiles.JSON.readTree(json.toFile());
        var custom = doc.path("study").path("profiles").get(4);
        assertEquals("windows95 (custom)", custom.path("profile").asText());
        // rho 1.25 on the KB's client: the first failure at 3976 / rate, rate = 1.25 x 16.57/s
        assertEquals(3976 / (1.25 * 3976 / 240.0), custom.path("firstFailureSeconds").asDouble(), 0.1);
    }

    @Test
    void traceRunWritesTheReportSection(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        try (var files = Files.list(Path.of("src/test/resources/fixture-run"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, run.resolve(f.getFileName()));
                }
            }
        }
        Path csv = dir.resolve("kb.csv");
        capture(() -> PortBench.run(new String[] {"trace", "--workload", "q170791-rho1.25", "--csv", csv.toString()}));
        String[] args = {"--trace", csv.toString(), "--range", "1025-5000", "--time-wait", "240"};
        PortBench.Args a = new PortBench.Args(args);
        TraceRun t = TraceRun.from(a);
        a.done();
        assertEquals("trace:kb", t.workloadId());
        assertTrue(Files.isRegularFile(t.writeReplay(run)));
        capture(() -> {
            t.writeStudy(run);
            return 0;
        });
        String md = dev.portbench.report.ReportGenerator.render(dev.portbench.report.RunData.load(run)).markdown();
        assertTrue(md.contains("## Trace `trace:kb`"), md);
        assertTrue(md.contains("| connections | 19,879 |"), md);
        assertTrue(md.contains("| linux (custom) (`linux/pair-table`) | 1025-5000 | 240 | 192"), md);
        assertEquals(md, dev.portbench.report.ReportGenerator.render(dev.portbench.report.RunData.load(run)).markdown(),
                "the same bytes twice");
    }

    private interface Run {
        int run() throws Exception;
    }

    private static String capture(Run r) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, r.run());
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
