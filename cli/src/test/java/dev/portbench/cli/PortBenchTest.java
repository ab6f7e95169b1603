package dev.portbench.cli;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.workload.Workloads;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Argument errors exit 2 with a message naming the argument and what was expected; nothing runs. */
class PortBenchTest {

    private static void rejects(String expected, String... args) {
        CliRun.rejects(expected, args);
    }

    @Test
    void badArgumentsExitTwoNamingTheArgumentAndWhatWasExpected() {
        rejects("'--profile': 'fast' (expected smoke, quick or full)", "run", "--profile", "fast");
        rejects("'--allocators' (ID): 'btree' (expected one of [", "run", "--allocators", "fifo,btree");
        rejects("'--workloads' (ID): 'q170791' (expected one of [", "run", "--workloads", "q170791");
        rejects("'--jvm': '/nonexistent/java' (expected a java binary or a JDK home", "run", "--jvm", "/nonexistent/java");
        rejects("Unknown options: '--forks', '3'", "run", "--forks", "3");
        rejects("Missing required parameter for option '--profile'", "run", "--profile");
        rejects("unknown command 'bench' (expected one of [run, report, compare, agreement, simulate, gateway, trace, trace-bench, policies, threads, expiry-calls, calibrate, list, help])", "bench");
        rejects("--ranges: 1000 (expected the range of a workload scale-N: [3976, 16384, 28232, 64512])", "expiry-calls", "--ranges", "1000");
        rejects("--lateness: 'maybe' (expected measure or resource)", "calibrate", "--lateness", "maybe");
        rejects("--scenario: scenario 'nope' (expected one of [", "calibrate", "--scenario", "nope");
        rejects("--range: '4-x' (expected LOW-HIGH", "calibrate", "--rate", "10", "--range", "4-x");
        rejects("unknown command 'bench'", "--root", "/tmp", "bench");
        rejects("Unmatched argument at index 3: 'extra'", "compare", "a", "b", "extra");
        rejects("Missing required parameter: 'NEW_RUN'", "compare", "a");
        rejects("'--periods': '-4' (expected a positive integer)", "simulate", "--periods", "-4");
        rejects("'--periods': 'ten' (expected a positive integer)", "policies", "--periods", "ten");
        rejects("Missing required option: '--out=FILE'", "probe");
        rejects("not a run folder", "report", "/nonexistent/run");
    }

    @Test
    void everyCommandHasItsOwnHelp() {
        for (String command : List.of("run", "report", "compare", "simulate", "policies", "list")) {
            CliRun o = CliRun.of(command, "--help");
            assertEquals(0, o.status(), command);
            assertTrue(o.out().startsWith("Usage: portbench " + command), o.out());
        }
        CliRun run = CliRun.of("help", "run");
        assertTrue(run.out().contains("--allocators=ID[,ID...]") && run.out().contains("jdk-collections"), run.out());
        CliRun top = CliRun.of();
        assertEquals(0, top.status());
        for (String command : List.of("run", "report", "compare", "simulate", "policies", "list", "help")) {
            assertTrue(top.out().contains("  " + command + " "), command + " listed in\n" + top.out());
        }
        assertTrue(!top.out().contains("  probe "), "the internal probe command is hidden");
    }

    @Test
    void theRunBuildsJmhsArgumentsOnceAndPrintsThemAsThePlainCommand() throws Exception {
        CommandLine cl = PortBench.commandLine();
        CommandLine.ParseResult parsed = cl.parseArgs("--root", "/tmp/pb", "run", "--profile", "smoke",
                "--allocators", "fifo,bitset,fifo", "--workloads", "burst", "--jvm-args", "-Xmx1g  -XX:+UseSerialGC",
                "--out", "/tmp/pb/out");
        RunCommand run = (RunCommand) parsed.subcommand().commandSpec().userObject();
        run.resolve();
        List<String> args = run.jmhArgumentList();

        CommandLineOptions jmh = new CommandLineOptions(args.toArray(new String[0]));
        assertEquals(List.of("FIFO", "BITSET"), List.copyOf(jmh.getParameter("allocator").get()),
                "constant names, which JMH's Enum.valueOf takes; duplicates dropped, order kept");
        assertEquals(List.of("burst"), List.copyOf(jmh.getParameter("workload").get()));
        assertFalse(jmh.getParameter("policy").hasValue(), "no policy benchmarks without q170791-rho0.99");
        assertEquals(Profile.SMOKE.forks, jmh.getForkCount().get());
        assertEquals(Profile.SMOKE.measurementIterations, jmh.getMeasurementIterations().get());
        assertEquals(List.of("-Xmx1g", "-XX:+UseSerialGC"), List.copyOf(jmh.getJvmArgsAppend().get()));
        assertEquals(Path.of("/tmp/pb/out/jmh.json").toString(), jmh.getResult().get());
        assertTrue(jmh.getIncludes().get(0).contains("BurstLatencyBenchmark"));

        StringBuilder expected = new StringBuilder("java -jar cli/target/portbench.jar");
        args.forEach(a -> expected.append(' ').append(JmhPlan.shellQuoted(a)));
        assertTrue(run.jmhCommand().startsWith(expected + " && java -jar cli/target/portbench.jar "), run.jmhCommand());
        assertTrue(run.jmhCommand().contains(" -jvmArgsAppend '-Xmx1g -XX:+UseSerialGC'"), run.jmhCommand());
        // the passes with settings of their own: each parses with JMH's parser and writes its own result file
        List<JmhPass> passes = run.extraPasses();
        assertEquals(List.of("bulk-expiry", "nat"), passes.stream().map(JmhPass::name).toList(), "no cost breakdown without its workloads");
        CommandLineOptions bulk = new CommandLineOptions(passes.get(0).arguments(Path.of("/tmp/pb/out"), List.of())
                .toArray(new String[0]));
        assertEquals(Profile.SMOKE.bulkForks, bulk.getForkCount().get());
        assertEquals(List.of("FIFO", "BITSET"), List.copyOf(bulk.getParameter("allocator").get()));
        assertEquals(Path.of("/tmp/pb/out/jmh-bulk-expiry.json").toString(), bulk.getResult().get());
        assertTrue(run.jmhCommand().contains(JmhPlan.shellQuoted(passes.get(0).include())), run.jmhCommand());
    }

    @Test
    void allocatorsDefaultToTheWholeCatalogButWhatQuickLeavesOut() {
        CommandLine.ParseResult parsed = PortBench.commandLine().parseArgs("run", "--out", "/tmp/pb/out");
        RunCommand run = ((RunCommand) parsed.subcommand().commandSpec().userObject()).resolve();
        assertEquals(Arrays.stream(AllocatorCatalog.values()).filter(a -> !Profile.QUICK_LEAVES_OUT.contains(a))
                        .map(Enum::name).toList(), run.jmhArgumentList().stream()
                .filter(a -> a.startsWith("allocator=")).map(a -> List.of(a.substring(10).split(","))).findFirst().orElseThrow());
        parsed = PortBench.commandLine().parseArgs("run", "--profile", "full", "--out", "/tmp/pb/out");
        run = ((RunCommand) parsed.subcommand().commandSpec().userObject()).resolve();
        assertEquals(Arrays.stream(AllocatorCatalog.values()).map(AllocatorCatalog::id).toList(), run.allocators());
    }

    @Test
    void quickGivesTheHeadlineFourForksOfEveryAllocator() throws Exception {
        RunCommand quick = ((RunCommand) PortBench.commandLine().parseArgs("run", "--out", "/tmp/pb/out")
                .subcommand().commandSpec().userObject()).resolve();
        List<JmhPlan.HeadlineRun> runs = quick.headlineRuns();
        assertEquals(2, runs.size(), runs.toString());
        assertEquals(quick.allocators(), runs.get(0).allocators(), "the main pass's allocators: their forks joined to the main pass's");
        assertEquals(Profile.QUICK_HEADLINE_FORKS - Profile.QUICK.forks, runs.get(0).forks());
        assertTrue(runs.get(0).appended());
        assertEquals(List.of("locked-fifo", "sharded-fifo"), runs.get(1).allocators(), "those quick leaves out elsewhere");
        assertEquals(Profile.QUICK_HEADLINE_FORKS, runs.get(1).forks());
        assertFalse(runs.get(1).appended());
        for (JmhPlan.HeadlineRun h : runs) {
            List<String> args = quick.plan().roundArguments(Workloads.HEADLINE, h.allocators(), h.forks(),
                    Path.of("/tmp/pb/out", h.file()));
            CommandLineOptions jmh = new CommandLineOptions(args.toArray(new String[0]));
            assertEquals(List.of(Workloads.HEADLINE), List.copyOf(jmh.getParameter("workload").get()));
            assertEquals(h.forks(), jmh.getForkCount().get());
            StringBuilder shown = new StringBuilder(" && java -jar cli/target/portbench.jar");
            args.forEach(a -> shown.append(' ').append(JmhPlan.shellQuoted(a)));
            assertTrue(quick.jmhCommand().contains(shown), "the plain JMH command shows the top-up: " + quick.jmhCommand());
        }
        RunCommand chosen = ((RunCommand) PortBench.commandLine().parseArgs("run", "--allocators", "ring,heap", "--out", "/tmp/pb/out")
                .subcommand().commandSpec().userObject()).resolve();
        assertEquals(List.of(new JmhPlan.HeadlineRun(List.of("ring", "heap"), 2, "jmh-headline-more.json", true)),
                chosen.headlineRuns(), "--allocators: the headline ranks just those");
        RunCommand elsewhere = ((RunCommand) PortBench.commandLine().parseArgs("run", "--workloads", "burst", "--out", "/tmp/pb/out")
                .subcommand().commandSpec().userObject()).resolve();
        assertEquals(List.of(), elsewhere.headlineRuns(), "no headline, no top-up");
        for (String profile : List.of("smoke", "full")) {
            RunCommand other = ((RunCommand) PortBench.commandLine().parseArgs("run", "--profile", profile, "--out", "/tmp/pb/out")
                    .subcommand().commandSpec().userObject()).resolve();
            assertEquals(List.of(), other.headlineRuns(), profile + " measures the headline in its main pass");
        }
        assertThrows(IllegalArgumentException.class, () -> new JmhPlan(Profile.QUICK, List.of("ring", "heap"), List.of("ring"),
                List.of(Workloads.HEADLINE), null, List.of(), Path.of("/tmp/pb/out"), null));
    }

    @Test
    void theNatPassesMeasureTheExactAllocatorAndAPolicyBesideTheFloor() throws Exception {
        List<JmhPass> quick = JmhPass.natPasses(Profile.QUICK);
        assertEquals(List.of("nat", "nat-1m"), quick.stream().map(JmhPass::name).toList());
        CommandLineOptions small = new CommandLineOptions(quick.get(0).arguments(Path.of("/tmp/pb/out"), List.of())
                .toArray(new String[0]));
        assertEquals(List.of("EXACT", "NETFILTER"), List.copyOf(small.getParameter("nat").get()));
        assertEquals(List.of("1"), List.copyOf(small.getParameter("addresses").get()), "64,512 pairs");
        assertEquals(List.of("0.99"), List.copyOf(small.getParameter("fill").get()));
        assertTrue(small.getIncludes().get(0).contains("NatChurnBenchmark") && small.getIncludes().get(0).contains("NatFloorBenchmark"));
        assertEquals(Profile.QUICK.forks, small.getForkCount().get());
        assertEquals(3, quick.get(0).benchmarks(), "2 allocators and the floor");
        assertEquals(Path.of("/tmp/pb/out/jmh-nat.json").toString(), small.getResult().get());
        CommandLineOptions large = new CommandLineOptions(quick.get(1).arguments(Path.of("/tmp/pb/out"), List.of())
                .toArray(new String[0]));
        assertEquals(List.of("EXACT"), List.copyOf(large.getParameter("nat").get()));
        assertEquals(List.of("16"), List.copyOf(large.getParameter("addresses").get()), "1,032,192 pairs");
        assertEquals(Path.of("/tmp/pb/out/jmh-nat-1m.json").toString(), large.getResult().get());
        List<JmhPass> smoke = JmhPass.natPasses(Profile.SMOKE);
        assertEquals(2, smoke.get(0).benchmarks(), "smoke: one tiny point and its floor");
        assertTrue(smoke.get(0).estimateSeconds() < 5, "smoke's NAT point is cheap: " + smoke.get(0).estimateSeconds());
        assertEquals((6 + 1) * 3 * 2, JmhPass.natPasses(Profile.FULL).get(0).benchmarks(), "full: every NAT allocator and the floor, 3 sizes, 2 fills");
    }

    @Test
    void shellQuotingLeavesPlainWordsBare() {
        assertEquals("-p", JmhPlan.shellQuoted("-p"));
        assertEquals("allocator=fifo,bitset", JmhPlan.shellQuoted("allocator=fifo,bitset"));
        assertEquals("'^(a|b)$'", JmhPlan.shellQuoted("^(a|b)$"));
        assertEquals("'it'\\''s'", JmhPlan.shellQuoted("it's"));
    }

    @Test
    void theQuickProfileFitsItsBudget() {
        // the default run with every allocator: ten minutes with the build. The build of a clean tree took
        // 63 s (20261208-004644-quick: 545 s with it, the next two runs 482 s without) and the runs took
        // 2.5% more than their estimate, so the estimate may reach eight and a half minutes
        RunCommand quick = (RunCommand) PortBench.commandLine().parseArgs("run", "--out", "/tmp/pb/out")
                .subcommand().commandSpec().userObject();
        double seconds = quick.resolve().jmhEstimateSeconds();
        assertTrue(seconds < 8.5 * 60, "quick: " + PortBench.duration(seconds));
        assertTrue(seconds > 60, "the estimate counts every benchmark: " + PortBench.duration(seconds));
        assertEquals(AllocatorCatalog.values().length - 2, quick.allocators().size(),
                "quick leaves out locked-fifo and sharded-fifo, nothing else: " + quick.allocators());
        assertFalse(quick.allocators().contains("sharded-fifo"));
        assertTrue(quick.allocators().contains("sharded-ring") && quick.allocators().contains("locked-ring"));
        assertFalse(quick.extraPasses().stream().anyMatch(p -> p.name().equals("cost-breakdown")), "quick skips the breakdown");
        RunCommand full = (RunCommand) PortBench.commandLine().parseArgs("run", "--profile", "full", "--out", "/tmp/pb/out")
                .subcommand().commandSpec().userObject();
        double fullSeconds = full.resolve().jmhEstimateSeconds();
        assertTrue(fullSeconds < 75 * 60, "full: " + PortBench.duration(fullSeconds));
        assertTrue(full.extraPasses().stream().anyMatch(p -> p.name().equals("cost-breakdown")), "full measures the breakdown");
        assertTrue(Profile.FULL.forks >= 3);
        assertTrue(Profile.SMOKE.estimateSeconds(31) < 90);
        assertEquals(Profile.QUICK, new ArgumentTypes.ProfileId().convert("quick"));
    }

    @Test
    void quickWorkloadsAreRegisteredOnes() {
        assertTrue(Workloads.ids().containsAll(Profile.QUICK.defaultWorkloads), Profile.QUICK.defaultWorkloads.toString());
        assertTrue(Profile.QUICK.defaultWorkloads.contains(Workloads.HEADLINE));
        assertEquals(Workloads.ids(), Profile.FULL.defaultWorkloads);
    }

    @Test
    void aRunFolderIsTheOutOptionMadeAbsoluteOrNamedByItsStartUnderResultsRuns() {
        CommandLine cl = PortBench.commandLine();
        cl.parseArgs("--root", "/tmp/pb/./root");
        PortBench portbench = cl.getCommand();
        Instant started = Instant.parse("2026-12-07T18:25:48.900Z");
        assertEquals(Path.of("/tmp/pb/root/results/runs/20261207-182548-full"), portbench.runFolder(null, started, "full"));
        assertEquals(Path.of("/tmp/out").toAbsolutePath(), portbench.runFolder(Path.of("/tmp/x/../out"), started, "full"));
        assertEquals(Path.of("out").toAbsolutePath(), portbench.runFolder(Path.of("out"), started, "threads"));
    }

    @Test
    void durationsReadForHumans() {
        assertEquals("42 s", PortBench.duration(42.2));
        assertEquals("6 min 05 s", PortBench.duration(365));
    }
}
