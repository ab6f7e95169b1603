package dev.portbench.cli;

import dev.portbench.allocator.ConnectionAllocatorType;
import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.expirycalls.ExpiryCallsStudy;
import dev.portbench.jmh.BurstLatencyBenchmark;
import dev.portbench.jmh.DestinationReplayBenchmark;
import dev.portbench.jmh.FloorBenchmark;
import dev.portbench.jmh.HarnessBaselineBenchmark;
import dev.portbench.jmh.JmhParams;
import dev.portbench.jmh.ReplayBenchmark;
import dev.portbench.jmh.SelectionBenchmark;
import dev.portbench.report.ReportGenerator;
import dev.portbench.runfolder.EnvironmentFile;
import dev.portbench.runfolder.JvmDescription;
import dev.portbench.runfolder.RunFiles;
import dev.portbench.runfolder.SelectionFile;
import dev.portbench.runfolder.SimulationFile;
import dev.portbench.selection.PolicyPair;
import dev.portbench.selection.SelectionStudy;
import dev.portbench.simulation.SimulationStudy;
import dev.portbench.simulation.StacksStudy;
import dev.portbench.workload.DestinationWorkload;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code ./portbench run}: one complete, self-describing run folder.
 *
 * <ol>
 *   <li>{@code environment.json}: machine, OS, kernel, git commit and dirtiness, the exact command,
 *       the JMH settings; the JVM the benchmarks forked (from a probe run in that JVM).</li>
 *   <li>{@code footprint.json}: JOL footprints, measured by the probe in the forked JVM.</li>
 *   <li>{@code jmh.json} and {@code console.log}: JMH's own result file and full output.</li>
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
                "Profiles: smoke (seconds, proves the command), quick (every allocator but locked-fifo and sharded-fifo on 7 workloads, 2 forks, about 8 "
                + "minutes on 2 cores), full (every workload, 5 forks, cost breakdown, every call of the bulk expiry timed, for publication, about an hour)."})
final class RunCommand implements Callable<Integer> {

    static final String RUN_FOLDER_TIME = "yyyyMMdd-HHmmss";
    /** How the shaded jar is named in the equivalent plain JMH command. */
    static final String BENCHMARKS_JAR = "cli/target/portbench.jar";

    @ParentCommand
    private PortBench portbench;

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

    @Option(names = "--jvm", paramLabel = "JAVA", converter = ArgumentTypes.JavaBinary.class,
            description = "The java binary, or JDK home, the benchmarks fork (default: this JVM's).")
    private Path jvmOption;

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
    /** The selection-policy pairs benchmarked: see {@link #policies(Profile, List, List)}. */
    private List<String> policies;
    private List<String> jvmArgs;
    private Path runDir;
    private String commandLine;
    /** JMH's arguments, built once: what runs, and what the equivalent plain command prints. */
    private List<String> jmhArguments;
    private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /** The git state when the run began (the jar was built from it); later edits do not change what ran. */
    private EnvironmentFile.Git git;

    /** Derives the run's plan from the parsed options; nothing runs yet. */
    RunCommand resolve() {
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
        this.policies = policies(profile, allocators, workloads);
        this.jvmArgs = jvmArgsOption.isBlank() ? List.of() : List.of(jvmArgsOption.trim().split("\\s+"));
        String stamp = DateTimeFormatter.ofPattern(RUN_FOLDER_TIME, Locale.ROOT).withZone(ZoneOffset.UTC).format(started);
        this.runDir = out != null ? out.toAbsolutePath().normalize()
                : root.resolve("results").resolve("runs").resolve(stamp + "-" + profile.id());
        String given = System.getenv("PORTBENCH_COMMAND");
        this.commandLine = given != null && !given.isBlank() ? given
                : "java -cp " + BENCHMARKS_JAR + " " + PortBench.class.getName() + " run";
        this.jmhArguments = jmhArguments();
        return this;
    }

    /** The java binary the benchmarks fork. */
    private String jvm() {
        return jvmOption != null ? jvmOption.toString() : Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The selection-policy pairs benchmarked, on the chosen allocators, if their workload is chosen:
     * every policy once (on the structure that serves it best) in smoke and quick, the whole
     * support matrix in full.
     */
    static List<String> policies(Profile profile, List<String> allocators, List<String> workloads) {
        if (!workloads.contains(SelectionBenchmark.WORKLOAD)) {
            return List.of();
        }
        List<PolicyPair> pairs = profile == Profile.FULL ? PolicyPair.all() : PolicyPair.benchmarked();
        return pairs.stream().filter(p -> allocators.contains(p.type().id())).map(PolicyPair::id).toList();
    }

    int benchmarkCount() {
        return allocators.size() * workloads.size() + 2 * workloads.size() // harness baseline and floor
                + (workloads.contains("burst") ? allocators.size() : 0)
                + policies.size() + destinationWorkloads().size() * ConnectionAllocatorType.values().length;
    }

    /**
     * The destination-aware workloads benchmarked beside the single pools when their per-pool
     * reference ({@link DestinationWorkload#SINGLE_POOL_REFERENCE}) is chosen: 16 destinations in
     * smoke, all in quick and full.
     */
    List<String> destinationWorkloads() {
        if (!workloads.contains(DestinationWorkload.SINGLE_POOL_REFERENCE)) {
            return List.of();
        }
        return profile == Profile.SMOKE ? List.of(DestinationWorkload.DST16_EVEN.name())
                : Arrays.stream(DestinationWorkload.values()).map(Enum::name).toList();
    }

    /** The allocator ids measured, once {@link #resolve()}d. */
    List<String> allocators() {
        return allocators;
    }

    /** Estimated seconds of JMH: the main pass and every extra pass (the many-threads measure not included). */
    double jmhEstimateSeconds() {
        return profile.estimateSeconds(benchmarkCount()) + extraPasses().stream().mapToDouble(JmhPass::estimateSeconds).sum();
    }

    /** The passes after the main one (bulk expiry, cost breakdown), each with JMH arguments of its own. */
    List<JmhPass> extraPasses() {
        return JmhPass.after(profile, allocators, workloads);
    }

    /** The JVM options every pass shares: {@code -jvm} when not this JVM's, and the extra JVM arguments. */
    private List<String> jvmArguments() {
        List<String> a = new ArrayList<>();
        if (jvmOption != null) {
            a.addAll(List.of("-jvm", jvm()));
        }
        if (!jvmArgs.isEmpty()) {
            a.addAll(List.of("-jvmArgsAppend", String.join(" ", jvmArgs)));
        }
        return a;
    }

    /**
     * JMH's own command-line arguments for this run: the run parses exactly this list with JMH's
     * parser, and {@link #jmhCommand()} prints it, so the two cannot drift.
     */
    private List<String> jmhArguments() {
        List<String> a = new ArrayList<>();
        a.add(includeRegex());
        a.addAll(List.of("-p", JmhParams.ALLOCATOR + "=" + String.join(",", JmhParams.allocators(allocators))));
        a.addAll(List.of("-p", "workload=" + String.join(",", workloads)));
        if (!policies.isEmpty()) {
            a.addAll(List.of("-p", "policy=" + String.join(",", policies)));
        }
        if (traceRun != null) {
            a.addAll(List.of("-p", "traceFile=" + runDir.resolve(TraceRun.REPLAY_FILE)));
        }
        if (!destinationWorkloads().isEmpty()) {
            a.addAll(List.of("-p", "destinations=" + String.join(",", destinationWorkloads())));
        }
        a.addAll(List.of("-f", String.valueOf(profile.forks),
                "-wi", String.valueOf(profile.warmupIterations), "-w", profile.warmupMillis + "ms",
                "-i", String.valueOf(profile.measurementIterations), "-r", profile.measurementMillis + "ms",
                "-prof", "gc", "-foe", "true",
                "-rf", "json", "-rff", runDir.resolve("jmh.json").toString()));
        a.addAll(jvmArguments());
        return List.copyOf(a);
    }

    /**
     * The same measurement as plain JMH command lines, for those who drive JMH themselves: the
     * main pass, then each extra pass, joined by {@code &&} (portbench merges their result files).
     */
    String jmhCommand() {
        StringBuilder b = new StringBuilder("java -jar ").append(BENCHMARKS_JAR);
        for (String arg : jmhArguments) {
            b.append(' ').append(shellQuoted(arg));
        }
        for (JmhPass p : extraPasses()) {
            b.append(" && java -jar ").append(BENCHMARKS_JAR);
            for (String arg : p.arguments(runDir, jvmArguments())) {
                b.append(' ').append(shellQuoted(arg));
            }
        }
        return b.toString();
    }

    List<String> jmhArgumentList() {
        return jmhArguments;
    }

    /** {@code arg} as a POSIX shell word: bare when safe, else in single quotes. */
    static String shellQuoted(String arg) {
        if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_./=,:@%+-]+")) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    @Override
    public Integer call() {
        return resolve().execute();
    }

    int execute() {
        RunFiles.createEmptyFolder(runDir);
        int total = benchmarkCount();
        double jmhSeconds = jmhEstimateSeconds();
        System.out.printf(Locale.ROOT, "portbench %s profile: %d allocators x %d workloads + harness baseline + floor%s + %d selection policies = %d benchmarks%n",
                profile.id(), allocators.size(), workloads.size(), workloads.contains("burst") ? " + burst latency" : "",
                policies.size(), total);
        System.out.printf(Locale.ROOT, "  %d fork(s), warmup %d x %d ms, measurement %d x %d ms, gc profiler; JVM %s%n",
                profile.forks, profile.warmupIterations, profile.warmupMillis, profile.measurementIterations,
                profile.measurementMillis, jvm());
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
        JvmDescription forkedJvm = FootprintProbe.run(jvm(), jvmArgs, runDir).jvm();

        step("benchmarks");
        boolean ok = runJmh(total, jmhSeconds);
        if (!ok) {
            RunFiles.write(runDir.resolve(RunFiles.ENVIRONMENT), environment("failed", forkedJvm));
            System.err.println("portbench: JMH failed; see " + runDir.resolve("console.log"));
            return 1;
        }

        if (profile == Profile.FULL) {
            ExpiryCallsStudy calls = ExpiryCallsCommand.defaultStudy(allocators.stream().map(AllocatorCatalog::fromId).toList(),
                    jvm(), jvmArgs, commandLine);
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
            threadsOptions.plan(List.of(), jvm(), jvmArgs, commandLine).execute(runDir);
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
                List.of("gc"), jvm(), jvmArgs, jmhArguments, jmhCommand());
        return new EnvironmentFile(EnvironmentFile.SCHEMA, status, profile.id(), commandLine, started.toString(),
                "running".equals(status) ? null : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), git,
                Environment.machine(), System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"),
                jmh, forkedJvm, new EnvironmentFile.Filters(allocators, workloads));
    }

    private String includeRegex() {
        List<String> names = new ArrayList<>();
        names.add(ReplayBenchmark.class.getName());
        names.add(HarnessBaselineBenchmark.class.getName());
        names.add(FloorBenchmark.class.getName());
        if (workloads.contains("burst")) {
            names.add(BurstLatencyBenchmark.class.getName());
        }
        if (!policies.isEmpty()) {
            names.add(SelectionBenchmark.class.getName());
        }
        if (!destinationWorkloads().isEmpty()) {
            names.add(DestinationReplayBenchmark.class.getName());
        }
        List<String> quoted = new ArrayList<>();
        for (String n : names) {
            quoted.add(Pattern.quote(n + ".replay"));
        }
        return "^(" + String.join("|", quoted) + ")$";
    }

    private boolean runJmh(int total, double estimate) {
        Options options;
        try {
            options = new CommandLineOptions(jmhArguments.toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            throw new IllegalStateException("JMH rejected the arguments " + jmhArguments + ": " + e.getMessage(), e);
        }
        try (PrintStream log = new PrintStream(new FileOutputStream(runDir.resolve("console.log").toFile()), true,
                StandardCharsets.UTF_8)) {
            log.println("# " + commandLine);
            log.println("# equivalent JMH command: " + jmhCommand());
            ProgressOutputFormat format = new ProgressOutputFormat(
                    OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL), System.out, total, estimate);
            new Runner(options, format).run();
            List<Path> parts = new ArrayList<>(List.of(runDir.resolve("jmh.json")));
            for (JmhPass p : extraPasses()) {
                List<String> args = p.arguments(runDir, jvmArguments());
                Options passOptions;
                try {
                    passOptions = new CommandLineOptions(args.toArray(new String[0]));
                } catch (CommandLineOptionException e) {
                    throw new IllegalStateException("JMH rejected the arguments " + args + ": " + e.getMessage(), e);
                }
                System.out.println("  " + p.name() + ":");
                new Runner(passOptions, new ProgressOutputFormat(OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL),
                        System.out, p.benchmarks(), p.estimateSeconds())).run();
                parts.add(p.resultFile(runDir));
            }
            JmhJsonFiles.mergeCompact(parts, runDir.resolve("jmh.json"));
            return true;
        } catch (RunnerException e) {
            System.err.println("portbench: " + e.getMessage());
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runDir.resolve("console.log") + ": " + e.getMessage(), e);
        }
    }
}
