package dev.portbench.cli;

import dev.portbench.runfolder.RunFiles;
import dev.portbench.runfolder.TraceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trace commands: argument errors named, a CSV written and simulated end to end. */
class TraceCommandTest {

    private static void rejects(String expected, String... args) {
        CliRun.rejects(expected, args);
    }

    private static String runs(String... args) {
        CliRun o = CliRun.of(args);
        assertEquals(0, o.status(), String.join(" ", args) + "\n" + o.err() + o.out());
        return o.out();
    }

    @Test
    void badTraceArgumentsAreNamed() {
        rejects("apply to a trace (expected --trace FILE with them)", "run", "--client", "10.0.0.1");
        rejects("apply to a trace (expected --trace FILE with them)", "simulate", "--speed", "2");
        rejects("'--speed': '0' (expected a number > 0)", "simulate", "--trace", "x.csv", "--speed", "0");
        rejects("'--range': '5000' (expected FIRST-LAST", "simulate", "--trace", "x.csv", "--range", "5000");
        rejects("'--stack': 'solaris'", "simulate", "--trace", "x.csv", "--stack", "solaris");
        rejects("--rate: an option of a scenario, not of --trace", "simulate", "--trace", "x.csv", "--rate", "5");
        rejects("client 'host.example' (expected a literal IPv4 or IPv6 address)", "trace", "x.pcap", "--client", "host.example");
        rejects("'--ends': 'never' (expected observed or one of", "trace", "x.pcap", "--ends", "never");
        rejects("trace: no FILE given", "trace");
        rejects("no-such.pcap: no such file", "trace", "no-such.pcap");
        rejects("'--heap': '64 megs' (expected a -Xmx size such as 64m)", "trace-bench", "--heap", "64 megs");
        rejects("'--format': 'tar' (expected pcap or pcapng)", "trace-bench", "--format", "tar");
    }

    @Test
    void everyTraceCommandHasHelp() {
        for (String command : new String[] {"trace", "trace-bench"}) {
            String out = runs(command, "--help");
            assertTrue(out.contains("Usage: portbench " + command), out);
        }
        assertTrue(runs("simulate", "--help").contains("--trace=FILE"));
        assertTrue(runs("run", "--help").contains("--reorder-tolerance=DURATION"));
    }

    @Test
    void exportImportAndSimulate(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("kb.csv");
        String out = runs("trace", "--workload", "q170791-rho1.25", "--csv", csv.toString());
        assertTrue(out.contains("wrote " + csv), out);
        assertTrue(Files.readString(csv).startsWith("open,close,destination,local_port,end\n0,0,synthetic:0,,client-close\n"));
        Path json = dir.resolve("study.json");
        out = runs("simulate", "--trace", csv.toString(), "--range", "1025-5000", "--time-wait", "240", "--stack", "windows95",
            "--out", json.toString());
        assertTrue(out.contains("windows95 (custom)"), out);
        TraceFile doc = RunFiles.read(json, TraceFile.class, TraceFile.SCHEMA);
        TraceFile.Row custom = doc.study().profiles().get(4);
        assertEquals("windows95 (custom)", custom.profile());
        // rho 1.25 on the KB's client: the first failure at 3976 / rate, rate = 1.25 x 16.57/s
        assertEquals(3976 / (1.25 * 3976 / 240.0), custom.firstFailureSeconds(), 0.1);
    }

    @Test
    void traceRunWritesTheReportSection(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        try (var files = Files.list(Path.of("../report/src/test/resources/fixture-run"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, run.resolve(f.getFileName()));
                }
            }
        }
        Path csv = dir.resolve("kb.csv");
        runs("trace", "--workload", "q170791-rho1.25", "--csv", csv.toString());
        CommandLine cl = PortBench.commandLine();
        cl.parseArgs("run", "--trace", csv.toString(), "--range", "1025-5000", "--time-wait", "240", "--out", run.toString(),
            "--workloads", "burst");
        RunCommand command = cl.getSubcommands().get("run").getCommand();
        PrintWriter quiet = new PrintWriter(new StringWriter());
        TraceRun t = new TraceRun(command.traceOptions.resolve(csv, command.traceStack.stack, command.traceStack.range,
            command.traceStack.timeWaitNanos), quiet);
        assertEquals("trace:kb", t.workloadId());
        assertTrue(Files.isRegularFile(t.writeReplay(run)));
        t.writeStudy(run, quiet);
        assertEquals(List.of("burst", "trace:kb"), command.resolve().jmhArgumentList().stream()
            .filter(a -> a.startsWith("workload=")).map(a -> a.substring("workload=".length()).split(",")).flatMap(Arrays::stream)
            .toList());
        String md = dev.portbench.report.ReportGenerator.render(dev.portbench.report.RunData.load(run)).markdown();
        assertTrue(md.contains("## Trace `trace:kb`"), md);
        assertTrue(md.contains("| connections | 19,879 |"), md);
        assertTrue(md.contains("| linux (custom) (`linux/pair-table`) | 1025-5000 | 240 | 192"), md);
        assertEquals(md, dev.portbench.report.ReportGenerator.render(dev.portbench.report.RunData.load(run)).markdown(),
                "the same bytes twice");
    }

    @Test
    void flowLogsImportAndSkipBad(@TempDir Path dir) throws Exception {
        String out = runs("trace", "../traces/flowlogs/synthetic-aws-vpc-v5-nat-gateway.log", "--client", "10.0.1.11");
        assertTrue(out.contains("aws-vpc: 48 lines read, 4 connections kept"), out); // wc -l minus the header
        out = runs("trace", "../traces/flowlogs/synthetic-azure-vnet.json", "--format", "azure-vnet");
        assertTrue(out.contains("azure-vnet: "), out);
        assertTrue(out.contains("14 connections kept"), out);
        Path bad = dir.resolve("bad.log");
        Files.writeString(bad, "version srcaddr dstaddr srcport dstport protocol start end\n"
                + "2 10.0.1.10 198.51.100.10 40000 443 6 100 160\n2 10.0.1.10 198.51.100.10 port 443 6 100 160\n");
        rejects(bad + ", line 3: field srcport: 'port' (expected a port 1..65535) (or pass --skip-bad", "trace", bad.toString());
        out = runs("trace", bad.toString(), "--skip-bad");
        assertTrue(out.contains("skipped 1 malformed records (--skip-bad)"), out);
        assertTrue(out.contains("1 connections kept") && out.contains("1 malformed"), out);
        rejects("'--format': 'netflow' (expected one of [auto, csv, zeek", "trace", bad.toString(), "--format", "netflow");
    }
}
