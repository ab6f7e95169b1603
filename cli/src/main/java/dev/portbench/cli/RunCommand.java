package dev.portbench.cli;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.expirycalls.ExpiryCallsStudy;
import dev.portbench.report.ReportGenerator;
import dev.portbench.runfolder.EnvironmentFile;
import dev.portbench.runfolder.JvmDescription;
import dev.portbench.runfolder.RunFiles;
import dev.portbench.runfolder.SelectionFile;
import dev.portbench.runfolder.SimulationFile;
import dev.portbench.selection.SelectionStudy;
import dev.portbench.simulation.SimulationStudy;
import dev.portbench.simulation.StacksStudy;
import org.openjdk.jmh.util.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./portbench run}: one complete, self-describing run folder.
 *
 * <ol>
 *   <li>{@code environment.json}: machine, OS, kernel, git commit and dirtiness, the exact command,
 *       the JMH settings; the JVM the benchmarks forked (from a probe run in that JVM).</li>
 *   <li>{@code footprint.json}: JOL footprints, measured by the probe in the forked JVM.</li>
 *   <li>{@code jmh.json} and {@code console.log}: JMH's own result file and full output; every fork of every
 *       round, and {@code rounds.json}, the round of each fork and why it was added ({@link AdaptiveRounds}).</li>
 *   <li>{@code expiry-calls.json} (full profile): the bulk expiry with every call timed ({@link ExpiryCallsCommand}).</li>
 *   <li>{@code simulation.json}: the Q170791 simulation and sweeps (exact counts, JVM-independent).</li>
 *   <li>{@code selection.json}: the quality measures of every selection policy (exact counts).</li>
 *   <li>with {@code --trace FILE}: {@code trace-replay.json.gz} (the trace as the forks replay it) and
 *       {@code trace.json} (its summary and study on every stack; see {@link TraceRun}).</li>
 *   <li>{@code REPORT.md} and {@code charts/}: the report; {@code results/README.md} indexes runs.</li>
 * </ol>
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Benchmark, simulate and report into results/runs/<time>-<profile>/ (./portbench builds the jar first "
                + "when a source changed; --no-build skips that).",
                "Profiles: smoke (seconds, proves the command), quick (every allocator but locked-fifo and sharded-fifo on 7 workloads, 2 forks; "
                + "every allocator on the headline, 4 forks; about 8 minutes on 2 cores), full (every workload, 5 forks, cost breakdown, every call of the bulk expiry timed, for publication, about an hour)."})
final class RunCommand implements Callable<Integer> {

    /** How the shaded jar is named in the equivalent plain JMH command. */
    static final String BENCHMARKS_JAR = "cli/target/portbench.jar";

    @ParentCommand
    private PortBench portbench;

    @Spec
    private CommandSpec spec;

    @Option(names = "--profile", paramLabel = "smoke|quick|full", defaultValue = "quick",
            converter = ArgumentTypes.ProfileId.class, description = "How much to measure (default: ${DEFAULT-VALUE}).")
    private Profile profile;

    @Option(names = "--allocators", paramLabel = "ID", split = ",", converter = ArgumentTypes.AllocatorId.class,
            completionCandidates = ArgumentTypes.AllocatorIds.class,
            description = "Allocators to measure (default: all): ${COMPLETION-CANDIDATES}.")
    private List<AllocatorCatalog> allocatorOption;

    @Option(names = "--workloads", paramLabel = "ID", split = ",", converter = ArgumentTypes.WorkloadId.class,
            completionCandidates = ArgumentTypes.WorkloadIds.class,
            description = "Workloads to replay (default: the profile's): ${COMPLETION-CANDIDATES}.")
    private List<String> workloadOption;

    @Mixin
    private BenchmarkJvmOption jvm;

    @Option(names = "--jvm-args", paramLabel = "\"ARGS\"", defaultValue = "",
            description = "Extra options for the forked JVMs, separated by spaces.")
    private String jvmArgsOption;

    @Option(names = "--out", paramLabel = "DIR", description = "The run folder (default: results/runs/<time>-<profile>); must be new or empty.")
    private Path out;

    /** The many-threads measure (--threads 1,2,4 ...), off unless asked for. */
    @picocli.CommandLine.Mixin
    private ThreadsOptions threadsOptions;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Benchmark every allocator on your own traffic too (CSV, Zeek conn.log, pcap, pcapng; workload "
                    + "trace:NAME), and study it on every stack; with --client, --speed, --ends, --reorder-tolerance, --stack, "
                    + "--range, --time-wait.")
    private Path trace;

    @Mixin
    TraceOptions traceOptions;

    @Mixin
    TraceStackOptions traceStack;

    /** The imported trace of {@code --trace}, or null. */
    private TraceRun traceRun;

    private Path root;
    private List<String> allocators;
    private List<String> workloads;
    private List<String> jvmArgs;
    private Path runDir;
    private String commandLine;
    /** What JMH runs, built once: what runs, and what the equivalent plain command prints. */
    private JmhPlan plan;
    private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /** The git state when the run began (the jar was built from it); later edits do not change what ran. */
    private EnvironmentFile.Git git;

    /** Derives the run's plan from the parsed options; nothing runs yet. */
    RunCommand resolve() {
        OptionRules.requires(spec.commandLine(), threadsOptions.threads != null, "--threads N[,N...] (the many-threads measure)",
                List.of("--threads-allocators", "--threads-workloads", "--threads-forks", "--threads-iterations",
                        "--threads-millis"));
        this.root = portbench.root();
        this.allocators = (allocatorOption == null ? profile.defaultAllocators() : allocatorOption).stream()
                .map(AllocatorCatalog::id).distinct().toList();
        if (trace == null && (traceOptions.given() || traceStack.given())) {
            throw new IllegalArgumentException("--client, --speed, --ends, --reorder-tolerance, --stack, --range and --time-wait "
                    + "apply to a trace (expected --trace FILE with them)");
        }
        if (trace == null) {
            this.workloads = workloadOption == null ? profile.defaultWorkloads : workloadOption.stream().distinct().toList();
        } else {
            PrintWriter console = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
            this.traceRun = new TraceRun(traceOptions.resolve(trace, traceStack.stack, traceStack.range, traceStack.timeWaitNanos),
                    console);
            List<String> w = new ArrayList<>(workloadOption == null ? List.of() : workloadOption.stream().distinct().toList());
            w.add(traceRun.workloadId());
            this.workloads = List.copyOf(w);
        }
        this.jvmArgs = jvmArgsOption.isBlank() ? List.of() : List.of(jvmArgsOption.trim().split("\\s+"));
        this.runDir = portbench.runFolder(out, started, profile.id());
        this.commandLine = Environment.commandLine("java -cp " + BENCHMARKS_JAR + " " + PortBench.class.getName() + " run");
        List<String> headline = allocatorOption == null
                ? Arrays.stream(AllocatorCatalog.values()).map(AllocatorCatalog::id).toList() : allocators;
        this.plan = new JmhPlan(profile, allocators, headline, workloads, jvm.given() ? jvm.java() : null, jvmArgs, runDir,
                traceRun != null ? runDir.resolve(TraceRun.REPLAY_FILE) : null);
        return this;
    }

    /** The allocator ids measured, once {@link #resolve()}d. */
    List<String> allocators() {
        return allocators;
    }

    /** Estimated seconds of JMH: the main pass and every extra pass (the many-threads measure not included). */
    double jmhEstimateSeconds() {
        return plan.estimateSeconds();
    }

    /** The passes after the main one (bulk expiry, cost breakdown). */
    List<JmhPass> extraPasses() {
        return plan.extraPasses();
    }

    /** What JMH measures in this run, once {@link #resolve()}d. */
    JmhPlan plan() {
        return plan;
    }

    /** The headline top-up after the main pass ({@link JmhPlan#headlineRuns}). */
    List<JmhPlan.HeadlineRun> headlineRuns() {
        return plan.headlineRuns();
    }

    /** JMH's arguments for the main pass. */
    List<String> jmhArgumentList() {
        return plan.arguments();
    }

    /** The same measurement as plain JMH command lines. */
    String jmhCommand() {
        return plan.command();
    }

    @Override
    public Integer call() {
        return resolve().execute();
    }

    int execute() {
        RunFiles.createEmptyFolder(runDir);
        int total = plan.benchmarkCount();
        double jmhSeconds = jmhEstimateSeconds();
        System.out.printf(Locale.ROOT, "portbench %s profile: %d allocators x %d workloads + harness baseline + floor%s + %d selection policies = %d benchmarks%n",
                profile.id(), allocators.size(), workloads.size(), workloads.contains("burst") ? " + burst latency" : "",
                plan.policies().size(), total);
        System.out.printf(Locale.ROOT, "  %d fork(s), warmup %d x %d ms, measurement %d x %d ms, gc profiler; JVM %s%n",
                profile.forks, profile.warmupIterations, profile.warmupMillis, profile.measurementIterations,
                profile.measurementMillis, jvm.java());
        Profile.Adaptive adaptive = profile.adaptive();
        System.out.printf(Locale.ROOT, "  then up to %d more round(s) of forks where a verdict is open (between neighbours, or any two on the headline), about %s, "
                + "at most %d forks per benchmark%n", adaptive.looks() - 1, PortBench.duration(adaptive.budgetSeconds()),
                adaptive.maxForks());
        for (JmhPass p : extraPasses()) {
            System.out.printf(Locale.ROOT, "  then %s: %d benchmarks, %d fork(s), %d + %d iterations%n", p.name(),
                    p.benchmarks(), p.forks(), p.warmupIterations(), p.measurementIterations());
        }
        System.out.println("  estimated time: " + PortBench.duration(jmhSeconds + 15) + "; writing " + runDir);

        if (traceRun != null) {
            traceRun.writeReplay(runDir);
        }
        RunFiles.write(runDir.resolve(RunFiles.ENVIRONMENT), environment("running", null));

        step("footprint (JOL, every port in TIME-WAIT, in the benchmark JVM)");
        JvmDescription forkedJvm = FootprintProbe.run(jvm.java(), jvmArgs, runDir).jvm();

        step("benchmarks");
        boolean ok = plan.run(commandLine);
        if (!ok) {
            RunFiles.write(runDir.resolve(RunFiles.ENVIRONMENT), environment("failed", forkedJvm));
            System.err.println("portbench: JMH failed; see " + runDir.resolve("console.log"));
            return 1;
        }

        if (profile == Profile.FULL) {
            ExpiryCallsStudy calls = ExpiryCallsCommand.defaultStudy(allocators.stream().map(AllocatorCatalog::fromId).toList(),
                    jvm.java(), jvmArgs, commandLine);
            step("bulk expiry, every call timed (" + calls.jvms() + " JVMs, about " + PortBench.duration(calls.estimateSeconds()) + ")");
            calls.execute(runDir, started.toString());
        }

        step("simulation (each client run " + profile.simulationPeriods + " x (TIME-WAIT + holding) of virtual time)");
        long simStart = System.nanoTime();
        SimulationFile sim = SimulationStudy.run(profile.simulationPeriods);
        RunFiles.write(runDir.resolve(RunFiles.SIMULATION), sim);
        System.out.print(SimulationStudy.summary(sim).indent(2));
        System.out.println("  (" + PortBench.duration((System.nanoTime() - simStart) / 1e9) + ")");

        step("selection policies (RFC 6056: probes, false exhaustion, reuse distance, uniformity, predictability)");
        SelectionFile sel = SelectionStudy.run(profile.simulationPeriods);
        RunFiles.write(runDir.resolve(RunFiles.SELECTION), sel);
        System.out.print(SelectionStudy.summary(sel).indent(2));

        step("stacks (the same clients on every stack profile: how long each lasts, what it sustains)");
        System.out.print(StacksStudy.summary(StacksStudy.write(runDir)).indent(2));

        if (threadsOptions.threads != null) {
            step("many threads (" + threadsOptions.threads + " threads on one range)");
            threadsOptions.plan(List.of(), jvm.java(), jvmArgs, commandLine).execute(runDir);
        }

        if (traceRun != null) {
            step("trace (" + traceRun.workloadId() + ": summary, and each stack's range and TIME-WAIT)");
            traceRun.writeStudy(runDir, new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        }

        RunFiles.write(runDir.resolve(RunFiles.ENVIRONMENT), environment("complete", forkedJvm));

        step("report");
        Path report = ReportGenerator.writeReport(runDir);
        Path results = root.resolve("results");
        if (runDir.startsWith(results.resolve("runs"))) {
            ReportGenerator.writeIndex(results);
        }
        System.out.println();
        System.out.println("Run folder: " + runDir);
        System.out.println("Report:     " + report);
        return 0;
    }

    private static void step(String what) {
        System.out.println("== " + what);
    }

    private EnvironmentFile environment(String status, JvmDescription forkedJvm) {
        if (git == null) {
            git = Environment.git(root);
        }
        EnvironmentFile.Jmh jmh = new EnvironmentFile.Jmh(Version.getPlainVersion(), profile.forks,
                profile.warmupIterations + " x " + profile.warmupMillis + " ms",
                profile.measurementIterations + " x " + profile.measurementMillis + " ms",
                List.of("gc"), jvm.java(), jvmArgs, plan.arguments(), plan.command());
        return new EnvironmentFile(EnvironmentFile.SCHEMA, status, profile.id(), commandLine, started.toString(),
                "running".equals(status) ? null : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), git,
                Environment.machine(), Environment.hostJvm(), jmh, forkedJvm, new EnvironmentFile.Filters(allocators, workloads));
    }
}
