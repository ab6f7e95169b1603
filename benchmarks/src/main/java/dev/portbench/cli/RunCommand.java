package dev.portbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.io.AtomicFiles;
import dev.portbench.jmh.BurstLatencyBenchmark;
import dev.portbench.jmh.HarnessBaselineBenchmark;
import dev.portbench.jmh.ReplayBenchmark;
import dev.portbench.jmh.SelectionBenchmark;
import dev.portbench.selection.PolicyPair;
import dev.portbench.selection.SelectionStudy;
import dev.portbench.report.ReportGenerator;
import dev.portbench.simulation.SimulationStudy;
import dev.portbench.workload.Workloads;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Version;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code ./portbench run}: one complete, self-describing run folder.
 *
 * <ol>
 *   <li>{@code environment.json}: machine, OS, kernel, git commit and dirtiness, the exact command,
 *       the JMH settings; the JVM the benchmarks forked (from a probe run in that JVM).</li>
 *   <li>{@code footprint.json}: JOL footprints, measured by the probe in the forked JVM.</li>
 *   <li>{@code jmh.json} and {@code console.log}: JMH's own result file and full output.</li>
 *   <li>{@code simulation.json}: the Q170791 simulation and sweeps (exact counts, JVM-independent).</li>
 *   <li>{@code selection.json}: the quality measures of every selection policy (exact counts).</li>
 *   <li>{@code REPORT.md} and {@code charts/}: the report; {@code results/README.md} indexes runs.</li>
 * </ol>
 */
final class RunCommand {

    static final String RUN_FOLDER_TIME = "yyyyMMdd-HHmmss";

    private final Path root;
    private final Profile profile;
    private final List<String> allocators;
    private final List<String> workloads;
    /** The imported trace of {@code --trace}, or null. */
    private final TraceRun traceRun;
    /** Its replay file in the run folder, once written. */
    private Path traceFile;
    /** The selection-policy pairs benchmarked: see {@link #policies(Profile, List, List)}. */
    private final List<String> policies;
    private final String jvm;
    private final List<String> jvmArgs;
    private final Path runDir;
    private final String commandLine;
    private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /** The git state when the run began (the jar was built from it); later edits do not change what ran. */
    private Map<String, Object> git;

    RunCommand(Path root, PortBench.Args a) {
        this.root = root;
        this.profile = Profile.fromId(a.option("profile", "quick"));
        this.allocators = a.listOption("allocators", AllocatorCatalog.ids(), AllocatorCatalog.ids());
        this.traceRun = TraceRun.from(a);
        if (traceRun == null) {
            this.workloads = a.listOption("workloads", Workloads.ids(), profile.defaultWorkloads);
        } else {
            List<String> w = new ArrayList<>(a.listOption("workloads", Workloads.ids(), List.of()));
            w.add(traceRun.workloadId());
            this.workloads = List.copyOf(w);
        }
        this.policies = policies(profile, allocators, workloads);
        this.jvm = resolveJvm(a.option("jvm", null));
        String extra = a.option("jvm-args", "");
        this.jvmArgs = extra.isBlank() ? List.of() : Arrays.asList(extra.trim().split("\\s+"));
        String out = a.option("out", null);
        a.done();
        if (!a.positional.isEmpty()) {
            throw new IllegalArgumentException("run: unexpected argument '" + a.positional.get(0) + "'");
        }
        String stamp = DateTimeFormatter.ofPattern(RUN_FOLDER_TIME, Locale.ROOT).withZone(ZoneOffset.UTC).format(started);
        this.runDir = out != null ? Path.of(out).toAbsolutePath().normalize()
                : root.resolve("results").resolve("runs").resolve(stamp + "-" + profile.id());
        String given = System.getenv("PORTBENCH_COMMAND");
        this.commandLine = given != null && !given.isBlank() ? given
                : "java -cp benchmarks/target/benchmarks.jar dev.portbench.cli.PortBench run";
    }

    /** A java binary: the one named, the one inside a JDK home named, or the running JVM's. */
    static String resolveJvm(String given) {
        if (given == null) {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
        Path p = Path.of(given);
        if (Files.isDirectory(p)) {
            p = p.resolve("bin").resolve("java");
        }
        if (!Files.isExecutable(p)) {
            throw new IllegalArgumentException("--jvm: '" + given + "' (expected a java binary or a JDK home containing bin/java)");
        }
        return p.toAbsolutePath().toString();
    }

    /**
     * The selection-policy pairs benchmarked, on the chosen allocators, if their workload is chosen:
     * every policy once (on the structure that serves it best) in smoke and quick, the whole
     * support matrix in full.
     */
    static List<String> policies(Profile profile, List<String> allocators, List<String> workloads) {
        if (!workloads.contains("q170791-rho0.99")) {
            return List.of();
        }
        List<PolicyPair> pairs = profile == Profile.FULL ? PolicyPair.all() : PolicyPair.benchmarked();
        return pairs.stream().filter(p -> allocators.contains(p.type().id())).map(PolicyPair::id).toList();
    }

    int benchmarkCount() {
        return allocators.size() * workloads.size() + workloads.size() + (workloads.contains("burst") ? allocators.size() : 0)
                + policies.size();
    }

    int execute() {
        try {
            if (Files.isDirectory(runDir) && Files.list(runDir).findAny().isPresent()) {
                throw new IllegalArgumentException("--out: " + runDir + " is not empty (expected a new or empty folder)");
            }
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + runDir + ": " + e.getMessage(), e);
        }
        int total = benchmarkCount();
        double jmhSeconds = profile.estimateSeconds(total);
        System.out.printf(Locale.ROOT, "portbench %s profile: %d allocators x %d workloads + harness baseline%s + %d selection policies = %d benchmarks%n",
                profile.id(), allocators.size(), workloads.size(), workloads.contains("burst") ? " + burst latency" : "",
                policies.size(), total);
        System.out.printf(Locale.ROOT, "  %d fork(s), warmup %d x %d ms, measurement %d x %d ms, gc profiler; JVM %s%n",
                profile.forks, profile.warmupIterations, profile.warmupMillis, profile.measurementIterations,
                profile.measurementMillis, jvm);
        System.out.println("  estimated time: " + PortBench.duration(jmhSeconds + 15) + "; writing " + runDir);

        if (traceRun != null) {
            traceFile = traceRun.writeReplay(runDir);
        }
        Map<String, Object> env = environment("running");
        AtomicFiles.writeJson(runDir.resolve("environment.json"), env);

        step("footprint (JOL, every port in TIME-WAIT, in the benchmark JVM)");
        JsonNode probe = probe();

        step("benchmarks");
        boolean ok = runJmh(total, jmhSeconds);
        if (!ok) {
            env = environment("failed");
            AtomicFiles.writeJson(runDir.resolve("environment.json"), withJvm(env, probe));
            System.err.println("portbench: JMH failed; see " + runDir.resolve("console.log"));
            return 1;
        }

        step("simulation (each client run " + profile.simulationPeriods + " x (TIME-WAIT + holding) of virtual time)");
        long simStart = System.nanoTime();
        Map<String, Object> sim = SimulationStudy.run(profile.simulationPeriods);
        AtomicFiles.writeJson(runDir.resolve("simulation.json"), sim);
        System.out.print(SimulationStudy.summary(sim).indent(2));
        System.out.println("  (" + PortBench.duration((System.nanoTime() - simStart) / 1e9) + ")");

        step("selection policies (RFC 6056: probes, false exhaustion, reuse distance, uniformity, predictability)");
        Map<String, Object> sel = SelectionStudy.run(profile.simulationPeriods);
        AtomicFiles.writeJson(runDir.resolve("selection.json"), sel);
        System.out.print(SelectionStudy.summary(sel).indent(2));

        if (traceRun != null) {
            step("trace (" + traceRun.workloadId() + ": summary, and each stack's range and TIME-WAIT)");
            traceRun.writeStudy(runDir);
        }

        AtomicFiles.writeJson(runDir.resolve("environment.json"), withJvm(environment("complete"), probe));

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

    private Map<String, Object> environment(String status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", 1);
        m.put("status", status);
        m.put("profile", profile.id());
        m.put("command", commandLine);
        m.put("startedAt", started.toString());
        if (!"running".equals(status)) {
            m.put("finishedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        }
        if (git == null) {
            git = Environment.git(root);
        }
        m.put("git", git);
        m.put("machine", Environment.machine());
        m.put("hostJvm", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
        Map<String, Object> jmh = new LinkedHashMap<>();
        jmh.put("version", Version.getPlainVersion());
        jmh.put("forks", profile.forks);
        jmh.put("warmup", profile.warmupIterations + " x " + profile.warmupMillis + " ms");
        jmh.put("measurement", profile.measurementIterations + " x " + profile.measurementMillis + " ms");
        jmh.put("profilers", List.of("gc"));
        jmh.put("jvm", jvm);
        jmh.put("jvmArgs", jvmArgs);
        jmh.put("equivalentCommand", jmhCommand());
        m.put("jmh", jmh);
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("allocators", allocators);
        filters.put("workloads", workloads);
        if (traceRun != null) {
            filters.put("trace", traceRun.describe());
        }
        m.put("filters", filters);
        return m;
    }

    private static Map<String, Object> withJvm(Map<String, Object> env, JsonNode probe) {
        if (probe != null && probe.has("jvm")) {
            env.put("jvm", AtomicFiles.JSON.convertValue(probe.get("jvm"), Map.class));
        }
        return env;
    }

    /** The same measurement as a plain JMH command line, for those who drive JMH themselves. */
    String jmhCommand() {
        StringBuilder b = new StringBuilder("java -jar benchmarks/target/benchmarks.jar");
        b.append(" '").append(includeRegex()).append("'");
        b.append(" -p allocator=").append(String.join(",", allocators));
        b.append(" -p workload=").append(String.join(",", workloads));
        if (!policies.isEmpty()) {
            b.append(" -p policy=").append(String.join(",", policies));
        }
        if (traceFile != null) {
            b.append(" -p traceFile=").append(traceFile);
        }
        b.append(" -f ").append(profile.forks)
                .append(" -wi ").append(profile.warmupIterations).append(" -w ").append(profile.warmupMillis).append("ms")
                .append(" -i ").append(profile.measurementIterations).append(" -r ").append(profile.measurementMillis).append("ms")
                .append(" -prof gc -rf json -rff jmh.json");
        if (!jvm.equals(resolveJvm(null))) {
            b.append(" -jvm ").append(jvm);
        }
        if (!jvmArgs.isEmpty()) {
            b.append(" -jvmArgsAppend '").append(String.join(" ", jvmArgs)).append("'");
        }
        return b.toString();
    }

    private String includeRegex() {
        List<String> names = new ArrayList<>();
        names.add(ReplayBenchmark.class.getName());
        names.add(HarnessBaselineBenchmark.class.getName());
        if (workloads.contains("burst")) {
            names.add(BurstLatencyBenchmark.class.getName());
        }
        if (!policies.isEmpty()) {
            names.add(SelectionBenchmark.class.getName());
        }
        List<String> quoted = new ArrayList<>();
        for (String n : names) {
            quoted.add(Pattern.quote(n + ".replay"));
        }
        return "^(" + String.join("|", quoted) + ")$";
    }

    private JsonNode probe() {
        Path out = runDir.resolve("footprint.json");
        List<String> cmd = new ArrayList<>();
        cmd.add(jvm);
        cmd.addAll(jvmArgs);
        // JOL: self-attach for Instrumentation, and field offsets that work on hidden (lambda) classes
        cmd.addAll(List.of("-Djdk.attach.allowAttachSelf=true", "-Djol.magicFieldOffset=true"));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), PortBench.class.getName(), "probe",
                "--out", out.toString()));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(runDir.resolve("footprint.log").toFile())).start();
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("the footprint probe failed (exit " + (p.isAlive() ? "timeout" : p.exitValue())
                        + "); see " + runDir.resolve("footprint.log"));
            }
            Files.deleteIfExists(runDir.resolve("footprint.log"));
            return AtomicFiles.JSON.readTree(out.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("footprint probe: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private boolean runJmh(int total, double estimate) {
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(includeRegex())
                .param("allocator", allocators.toArray(new String[0]))
                .param("workload", workloads.toArray(new String[0]))
                .forks(profile.forks)
                .warmupIterations(profile.warmupIterations)
                .warmupTime(TimeValue.milliseconds(profile.warmupMillis))
                .measurementIterations(profile.measurementIterations)
                .measurementTime(TimeValue.milliseconds(profile.measurementMillis))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .jvm(jvm)
                .resultFormat(ResultFormatType.JSON)
                .result(runDir.resolve("jmh.json").toString());
        if (!jvmArgs.isEmpty()) {
            o.jvmArgsAppend(jvmArgs.toArray(new String[0]));
        }
        if (!policies.isEmpty()) {
            o.param("policy", policies.toArray(new String[0]));
        }
        if (traceFile != null) {
            o.param("traceFile", traceFile.toString());
        }
        try (PrintStream log = new PrintStream(new FileOutputStream(runDir.resolve("console.log").toFile()), true,
                StandardCharsets.UTF_8)) {
            log.println("# " + commandLine);
            log.println("# equivalent JMH command: " + jmhCommand());
            ProgressOutputFormat format = new ProgressOutputFormat(
                    OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL), System.out, total, estimate);
            new Runner(o.build(), format).run();
            return true;
        } catch (RunnerException e) {
            System.err.println("portbench: " + e.getMessage());
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runDir.resolve("console.log") + ": " + e.getMessage(), e);
        }
    }
}
