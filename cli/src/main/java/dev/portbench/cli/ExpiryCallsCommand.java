package dev.portbench.cli;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.expirycalls.ExpiryCallsFork;
import dev.portbench.expirycalls.ExpiryCallsStudy;
import dev.portbench.io.AtomicFiles;
import dev.portbench.report.ExpiryCallsSection;
import dev.portbench.runfolder.EnvironmentFile;
import dev.portbench.runfolder.ExpiryCallsFile;
import dev.portbench.runfolder.RunFiles;
import dev.portbench.workload.Workloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ./portbench expiry-calls}: the bulk-expiry scenario with every call timed
 * ({@link ExpiryCallsStudy}), into a folder of its own with {@code expiry-calls.json},
 * {@code environment.json} (no JMH profile: not a full run folder) and {@code EXPIRY-CALLS.md}
 * (the report's section). The full profile of {@code ./portbench run} runs the same study with
 * the defaults. A timing: run it alone on the machine.
 */
@Command(name = "expiry-calls", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The worst single call when a whole range falls due at once, for every allocator unbounded and "
                + "those that take a quota bounded: every call timed in forked JVMs, the machine's stalls separated from "
                + "the algorithm's worst call; writes results/runs/<time>-expiry-calls/ with EXPIRY-CALLS.md.",
            "A timing: run it alone on the machine (flock /work/bench.lock ./portbench expiry-calls)."})
final class ExpiryCallsCommand implements Callable<Integer> {

    @ParentCommand
    private PortBench portbench;

    @Option(names = "--allocators", paramLabel = "ID", split = ",", converter = ArgumentTypes.AllocatorId.class,
            completionCandidates = ArgumentTypes.AllocatorIds.class,
            description = "Allocators (default: all); those that take a quota are measured bounded too.")
    private List<AllocatorCatalog> allocators;

    @Option(names = "--quota", paramLabel = "Q", defaultValue = "64", converter = ArgumentTypes.PositiveInt.class,
            description = "Expiry quota of the bounded variants (default ${DEFAULT-VALUE}).")
    private int quota;

    @Option(names = "--ranges", paramLabel = "PORTS", split = ",", defaultValue = "3976,64512",
            converter = ArgumentTypes.PositiveInt.class,
            description = "Ports due at once, each the range of a workload scale-PORTS (default ${DEFAULT-VALUE}).")
    private List<Integer> ranges;

    @Option(names = "--forks", paramLabel = "N", defaultValue = "5", converter = ArgumentTypes.PositiveInt.class,
            description = "JVMs per variant (default ${DEFAULT-VALUE}; intervals come from forks).")
    private int forks;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "10", converter = ArgumentTypes.PositiveInt.class,
            description = "Untimed repetitions per range and fork (default ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--repetitions", paramLabel = "N", defaultValue = "30", converter = ArgumentTypes.PositiveInt.class,
            description = "Measured repetitions per range and fork (default ${DEFAULT-VALUE}).")
    private int repetitions;

    @Option(names = "--jvm", paramLabel = "JAVA", converter = ArgumentTypes.JavaBinary.class,
            description = "The java binary, or JDK home, the forks run on (default: this JVM's).")
    private Path jvm;

    @Option(names = "--jvm-args", paramLabel = "\"ARGS\"", defaultValue = "", description = "Extra options for the forks.")
    private String jvmArgs;

    @Option(names = "--out", paramLabel = "DIR", description = "The folder (default: results/runs/<time>-expiry-calls); must be new or empty.")
    private Path out;

    @Override
    public Integer call() {
        for (int ports : ranges) {
            if (!Workloads.ids().contains("scale-" + ports)) {
                throw new IllegalArgumentException("--ranges: " + ports + " (expected the range of a workload scale-N: "
                        + Workloads.ids().stream().filter(w -> w.startsWith("scale-")).map(w -> w.substring(6)).toList() + ")");
            }
        }
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path dir = portbench.runFolder(out, started, "expiry-calls");
        RunFiles.createEmptyFolder(dir);
        String command = Environment.commandLine("portbench expiry-calls");
        List<AllocatorCatalog> chosen = allocators != null ? allocators.stream().distinct().toList() : List.of(AllocatorCatalog.values());
        List<String> args = jvmArgs.isBlank() ? List.of() : List.of(jvmArgs.trim().split("\\s+"));
        String java = (jvm != null ? jvm : BenchmarkJvmOption.thisJvm()).toString();
        ExpiryCallsStudy study = new ExpiryCallsStudy(chosen, ExpiryCallsStudy.takingQuota(chosen), quota, List.copyOf(ranges),
                forks, warmup, repetitions, forkCommand(java, args), java, args, command, Environment.machine().cpuModel());
        System.out.printf(Locale.ROOT, "portbench expiry-calls: %d variants x %d forks = %d JVMs, ranges %s; about %s; writing %s%n",
                study.jvms() / forks, forks, study.jvms(), ranges, PortBench.duration(study.estimateSeconds()), dir);
        ExpiryCallsFile data = study.execute(dir, started.toString());
        RunFiles.write(dir.resolve(RunFiles.ENVIRONMENT), Environment.studyEnvironment("expiry-calls", command, started.toString(),
                portbench.root(), new EnvironmentFile.Filters(chosen.stream().map(AllocatorCatalog::id).toList(),
                        ranges.stream().map(p -> "scale-" + p).toList())));
        String md = ExpiryCallsSection.render(data);
        AtomicFiles.write(dir.resolve("EXPIRY-CALLS.md"), md);
        System.out.print(ExpiryCallsSection.summary(data).indent(2));
        System.out.println("Report: " + dir.resolve("EXPIRY-CALLS.md"));
        return 0;
    }

    /** The command line that starts one fork in {@code java} with {@code jvmArgs}, up to the fork's own options. */
    static List<String> forkCommand(String java, List<String> jvmArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), PortBench.class.getName(), "expiry-calls-fork"));
        return cmd;
    }

    /** The study the full run makes into its folder: {@code all} (those taking a quota bounded too), the defaults. */
    static ExpiryCallsStudy defaultStudy(List<AllocatorCatalog> all, String java, List<String> jvmArgs, String command) {
        return new ExpiryCallsStudy(all, ExpiryCallsStudy.takingQuota(all), ExpiryCallsStudy.DEFAULT_QUOTA,
                ExpiryCallsStudy.DEFAULT_RANGES, ExpiryCallsStudy.DEFAULT_FORKS, ExpiryCallsStudy.DEFAULT_WARMUP,
                ExpiryCallsStudy.DEFAULT_REPETITIONS, forkCommand(java, jvmArgs), java, jvmArgs, command,
                Environment.machine().cpuModel());
    }

    /** The fork: one variant measured in this JVM, written as JSON. Internal to expiry-calls. */
    @Command(name = "expiry-calls-fork", hidden = true, mixinStandardHelpOptions = true,
            description = "Internal to expiry-calls: one allocator variant measured in this JVM.")
    static final class ForkChild implements Callable<Integer> {

        @Option(names = "--allocator", required = true, converter = ArgumentTypes.AllocatorId.class, description = "The allocator.")
        private AllocatorCatalog allocator;

        @Option(names = "--quota", required = true, description = "Its expiry quota, 0 for none.")
        private int quota;

        @Option(names = "--ranges", required = true, split = ",", converter = ArgumentTypes.PositiveInt.class,
                description = "Ports due at once.")
        private List<Integer> ranges;

        @Option(names = "--warmup", required = true, description = "Untimed repetitions.")
        private int warmup;

        @Option(names = "--repetitions", required = true, description = "Measured repetitions.")
        private int repetitions;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the rows go (JSON).")
        private Path out;

        @Override
        public Integer call() {
            AtomicFiles.writeJson(out, ExpiryCallsFork.measure(allocator, quota, ranges, warmup, repetitions));
            return 0;
        }
    }
}
