package dev.portbench.cli;

import dev.portbench.allocator.ConnectionAllocatorType;
import dev.portbench.jmh.BurstLatencyBenchmark;
import dev.portbench.jmh.DestinationReplayBenchmark;
import dev.portbench.jmh.FloorBenchmark;
import dev.portbench.jmh.HarnessBaselineBenchmark;
import dev.portbench.jmh.JmhParams;
import dev.portbench.jmh.ReplayBenchmark;
import dev.portbench.jmh.SelectionBenchmark;
import dev.portbench.selection.PolicyPair;
import dev.portbench.workload.DestinationWorkload;
import dev.portbench.workload.Workloads;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What JMH measures in one {@code ./portbench run}, and running it: which benchmarks (allocators x
 * workloads, the harness baseline and the floor, burst latency, selection policies,
 * destination-aware allocators), with which parameters and settings of the profile, as JMH's own
 * argument list; the estimate of its time; the equivalent plain JMH command; and the passes after
 * the main one, their result files merged into {@code jmh.json}; between them, the headline
 * top-up ({@link #headlineRuns}: more forks, and every allocator, on the headline workload where the
 * profile asks for them) and the adaptive rounds ({@link AdaptiveRounds}), which add forks where a
 * verdict between neighbours, or between any two results of the headline, is still open.
 *
 * <p>The run parses exactly {@link #arguments()} with JMH's parser and {@link #command()} prints
 * the same list, so the two cannot drift. Immutable once built; {@link #run} writes the run folder.
 */
final class JmhPlan {

    private final Profile profile;
    private final List<String> allocators;
    /** The allocators the headline workload ranks: the main pass's, and in quick those it leaves out. */
    private final List<String> headlineAllocators;
    private final List<String> workloads;
    private final List<String> policies;
    /** The java binary the forks use when not this JVM's, or null. */
    private final String jvm;
    private final List<String> jvmArgs;
    private final Path runDir;
    /** The imported trace's replay file the forks read, or null. */
    private final Path traceReplay;
    private final List<String> arguments;

    JmhPlan(Profile profile, List<String> allocators, List<String> workloads, String jvm, List<String> jvmArgs,
            Path runDir, Path traceReplay) {
        this(profile, allocators, allocators, workloads, jvm, jvmArgs, runDir, traceReplay);
    }

    /** As above, the headline workload ranking {@code headlineAllocators} (a superset of {@code allocators}). */
    JmhPlan(Profile profile, List<String> allocators, List<String> headlineAllocators, List<String> workloads, String jvm,
            List<String> jvmArgs, Path runDir, Path traceReplay) {
        if (!headlineAllocators.containsAll(allocators)) {
            throw new IllegalArgumentException("headline allocators " + headlineAllocators + " (expected: every allocator of "
                    + allocators + " and maybe more)");
        }
        this.profile = profile;
        this.allocators = List.copyOf(allocators);
        this.headlineAllocators = List.copyOf(headlineAllocators);
        this.workloads = List.copyOf(workloads);
        this.policies = policies(profile, allocators, workloads);
        this.jvm = jvm;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.runDir = runDir;
        this.traceReplay = traceReplay;
        this.arguments = buildArguments();
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

    /** Benchmarks of the main pass: allocators x workloads, the baseline and floor per workload, burst, policies, destinations. */
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

    /** The selection-policy pairs of this plan. */
    List<String> policies() {
        return policies;
    }

    /**
     * Estimated seconds of JMH: the main pass, the budget of the adaptive rounds ({@link AdaptiveRounds}) and every
     * extra pass (the many-threads measure not included).
     */
    double estimateSeconds() {
        return profile.estimateSeconds(benchmarkCount())
                + headlineRuns().stream().mapToDouble(h -> profile.estimateSeconds(h.allocators().size(), h.forks())).sum()
                + profile.adaptive().budgetSeconds()
                + extraPasses().stream().mapToDouble(JmhPass::estimateSeconds).sum();
    }

    /**
     * One JMH run of the headline top-up: {@link ReplayBenchmark} on the headline workload for
     * {@code allocators}, {@code forks} forks at the main pass's settings, into {@code file} (in the
     * run folder); {@code appended}: the main pass measured them, so the forks join theirs
     * ({@link JmhJsonFiles#appendForks}), else the results join {@code jmh.json} as new ones.
     */
    record HeadlineRun(List<String> allocators, int forks, String file, boolean appended) {
    }

    /**
     * The headline top-up, run right after the main pass as part of its first look: when the
     * workloads include the headline (and no trace replaces them), the forks that bring every
     * main-pass allocator to {@link Profile#headlineForks} there, and that many forks of each
     * headline allocator the main pass left out. Empty for smoke and full, whose main pass already
     * measures the headline so.
     */
    List<HeadlineRun> headlineRuns() {
        if (!workloads.contains(Workloads.HEADLINE) || traceReplay != null) {
            return List.of();
        }
        List<HeadlineRun> runs = new ArrayList<>();
        int more = profile.headlineForks() - profile.forks;
        if (more > 0) {
            runs.add(new HeadlineRun(allocators, more, "jmh-headline-more.json", true));
        }
        List<String> left = headlineAllocators.stream().filter(a -> !allocators.contains(a)).toList();
        if (!left.isEmpty()) {
            runs.add(new HeadlineRun(left, profile.headlineForks(), "jmh-headline-added.json", false));
        }
        return List.copyOf(runs);
    }

    /**
     * JMH's arguments for one run of an adaptive round: {@link ReplayBenchmark} for {@code allocatorIds} on
     * {@code workload}, {@code forks} forks at the main pass's settings, results into {@code resultFile}.
     */
    List<String> roundArguments(String workload, List<String> allocatorIds, int forks, Path resultFile) {
        List<String> a = new ArrayList<>();
        a.add("^" + Pattern.quote(ReplayBenchmark.class.getName() + ".replay") + "$");
        a.addAll(List.of("-p", JmhParams.ALLOCATOR + "=" + String.join(",", JmhParams.allocators(allocatorIds))));
        a.addAll(List.of("-p", "workload=" + workload));
        if (traceReplay != null) {
            a.addAll(List.of("-p", "traceFile=" + traceReplay));
        }
        a.addAll(settings(forks, resultFile));
        return List.copyOf(a);
    }

    /** The main pass's forks, iterations, profiler and result file: shared by the main pass and the adaptive rounds. */
    private List<String> settings(int forks, Path resultFile) {
        List<String> a = new ArrayList<>(List.of("-f", String.valueOf(forks),
                "-wi", String.valueOf(profile.warmupIterations), "-w", profile.warmupMillis + "ms",
                "-i", String.valueOf(profile.measurementIterations), "-r", profile.measurementMillis + "ms",
                "-prof", "gc", "-foe", "true",
                "-rf", "json", "-rff", resultFile.toString()));
        a.addAll(jvmArguments());
        return a;
    }

    /** The passes after the main one (bulk expiry, cost breakdown), each with JMH arguments of its own. */
    List<JmhPass> extraPasses() {
        return JmhPass.after(profile, allocators, workloads);
    }

    /** The JVM options every pass shares: {@code -jvm} when not this JVM's, and the extra JVM arguments. */
    List<String> jvmArguments() {
        List<String> a = new ArrayList<>();
        if (jvm != null) {
            a.addAll(List.of("-jvm", jvm));
        }
        if (!jvmArgs.isEmpty()) {
            a.addAll(List.of("-jvmArgsAppend", String.join(" ", jvmArgs)));
        }
        return a;
    }

    /**
     * JMH's own command-line arguments for this run: the run parses exactly this list with JMH's
     * parser, and {@link #command()} prints it, so the two cannot drift.
     */
    private List<String> buildArguments() {
        List<String> a = new ArrayList<>();
        a.add(includeRegex());
        a.addAll(List.of("-p", JmhParams.ALLOCATOR + "=" + String.join(",", JmhParams.allocators(allocators))));
        a.addAll(List.of("-p", "workload=" + String.join(",", workloads)));
        if (!policies.isEmpty()) {
            a.addAll(List.of("-p", "policy=" + String.join(",", policies)));
        }
        if (traceReplay != null) {
            a.addAll(List.of("-p", "traceFile=" + traceReplay));
        }
        if (!destinationWorkloads().isEmpty()) {
            a.addAll(List.of("-p", "destinations=" + String.join(",", destinationWorkloads())));
        }
        a.addAll(settings(profile.forks, runDir.resolve("jmh.json")));
        return List.copyOf(a);
    }

    /**
     * The same measurement as plain JMH command lines, for those who drive JMH themselves: the
     * main pass, then each extra pass, joined by {@code &&} (portbench merges their result files).
     */
    String command() {
        StringBuilder b = new StringBuilder("java -jar ").append(RunCommand.BENCHMARKS_JAR);
        for (String arg : arguments) {
            b.append(' ').append(shellQuoted(arg));
        }
        List<List<String>> later = new ArrayList<>();
        for (HeadlineRun h : headlineRuns()) {
            later.add(roundArguments(Workloads.HEADLINE, h.allocators(), h.forks(), runDir.resolve(h.file())));
        }
        for (JmhPass p : extraPasses()) {
            later.add(p.arguments(runDir, jvmArguments()));
        }
        for (List<String> args : later) {
            b.append(" && java -jar ").append(RunCommand.BENCHMARKS_JAR);
            for (String arg : args) {
                b.append(' ').append(shellQuoted(arg));
            }
        }
        return b.toString();
    }

    /** JMH's arguments for the main pass. */
    List<String> arguments() {
        return arguments;
    }

    /** {@code arg} as a POSIX shell word: bare when safe, else in single quotes. */
    static String shellQuoted(String arg) {
        if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_./=,:@%+-]+")) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
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

    /**
     * Runs the main pass, then the adaptive rounds, then each extra pass, logging JMH's full output to {@code console.log}
     * (headed by {@code commandLine} and {@link #command()}) and progress to the console; merges
     * the passes' results into {@code jmh.json}.
     *
     * @return false if JMH failed (said on stderr)
     */
    boolean run(String commandLine) {
        try (PrintStream log = new PrintStream(new FileOutputStream(runDir.resolve("console.log").toFile()), true,
                StandardCharsets.UTF_8)) {
            log.println("# " + commandLine);
            log.println("# equivalent JMH command: " + command());
            // every JMH run of the plan: its full output to console.log, a progress line per benchmark to the console
            AdaptiveRounds.Jmh jmh = (args, n, seconds) -> new Runner(parsed(args), new ProgressOutputFormat(
                    OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL), System.out, n, seconds)).run();
            long mainStart = System.nanoTime();
            jmh.run(arguments, benchmarkCount(), estimateSeconds());
            Path main = runDir.resolve("jmh.json");
            for (HeadlineRun h : headlineRuns()) {
                System.out.println("  headline " + Workloads.HEADLINE + ": " + h.forks() + (h.forks() == 1 ? " fork" : " forks")
                        + (h.appended() ? " more" : "") + " of " + String.join(", ", h.allocators()) + ":");
                Path file = runDir.resolve(h.file());
                int n = h.allocators().size();
                jmh.run(roundArguments(Workloads.HEADLINE, h.allocators(), h.forks(), file), n, profile.estimateSeconds(n, h.forks()));
                if (h.appended()) {
                    JmhJsonFiles.appendForks(main, file);
                } else {
                    JmhJsonFiles.mergeCompact(List.of(main, file), main);
                }
            }
            new AdaptiveRounds(profile, runDir, this::roundArguments, jmh, System.out).run((System.nanoTime() - mainStart) / 1e9);
            List<Path> parts = new ArrayList<>(List.of(main));
            for (JmhPass p : extraPasses()) {
                System.out.println("  " + p.name() + ":");
                jmh.run(p.arguments(runDir, jvmArguments()), p.benchmarks(), p.estimateSeconds());
                parts.add(p.resultFile(runDir));
            }
            JmhJsonFiles.mergeCompact(parts, main);
            return true;
        } catch (RunnerException e) {
            System.err.println("portbench: " + e.getMessage());
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runDir.resolve("console.log") + ": " + e.getMessage(), e);
        }
    }

    /** {@code args} as JMH's own parser reads them; they are built here, so a refusal is a bug of the plan. */
    private static Options parsed(List<String> args) {
        try {
            return new CommandLineOptions(args.toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            throw new IllegalStateException("JMH rejected the arguments " + args + ": " + e.getMessage(), e);
        }
    }
}
