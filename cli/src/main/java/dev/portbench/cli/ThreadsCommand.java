package dev.portbench.cli;

import dev.portbench.io.AtomicFiles;
import dev.portbench.report.ManyThreadsSection;
import dev.portbench.runfolder.EnvironmentFile;
import dev.portbench.runfolder.ManyThreadsFile;
import dev.portbench.runfolder.RunFiles;
import dev.portbench.threads.ManyThreadsRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./portbench threads}: the many-threads measure alone, into a folder of its own with
 * {@code many-threads.json}, {@code environment.json} (no JMH profile: not a full run folder), JMH's files and {@code MANY-THREADS.md} (the report's "Many threads"
 * section). {@code ./portbench run --threads 1,2,4} adds the same measure to a full run.
 */
@Command(name = "threads", mixinStandardHelpOptions = true,
        description = {"Many threads, one port range: every thread-safe allocator shared by 1, 2, 4... threads and "
                + "the single-owner ones confined to a thread each, throughput and scaling (JMH, one run per thread "
                + "count), and false exhaustion; writes results/runs/<time>-threads/ with MANY-THREADS.md."})
final class ThreadsCommand implements Callable<Integer> {

    static final List<Integer> DEFAULT_THREADS = List.of(1, 2, 4);

    @ParentCommand
    private PortBench portbench;

    @Mixin
    private ThreadsOptions options;

    @Mixin
    private BenchmarkJvmOption jvm;

    @Option(names = "--out", paramLabel = "DIR", description = "The folder (default: results/runs/<time>-threads); must be new or empty.")
    private Path out;

    @Override
    public Integer call() {
        Path dir = portbench.runFolder(out, Instant.now(), "threads");
        String command = Environment.commandLine("portbench threads");
        ManyThreadsRun plan = options.plan(DEFAULT_THREADS, jvm.java(),
                List.of(), command);
        RunFiles.createEmptyFolder(dir);
        System.out.printf(Locale.ROOT, "portbench threads: %s threads x %d allocators x %d workloads, %d forks; about %s; writing %s%n",
                plan.threadCounts(), plan.allocators().size(), plan.workloads().size(), plan.forks(),
                PortBench.duration(plan.estimateSeconds()), dir);
        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ManyThreadsFile data = plan.execute(dir);
        RunFiles.write(dir.resolve(RunFiles.ENVIRONMENT), Environment.studyEnvironment("threads", command, startedAt,
                portbench.root(), new EnvironmentFile.Filters(plan.allocators(), plan.workloads())));
        Map<String, String> charts = new LinkedHashMap<>();
        String md = ManyThreadsSection.render(data, charts);
        for (Map.Entry<String, String> c : charts.entrySet()) {
            AtomicFiles.write(dir.resolve("charts").resolve(c.getKey()), c.getValue());
        }
        AtomicFiles.write(dir.resolve("MANY-THREADS.md"), md);
        System.out.println("Report: " + dir.resolve("MANY-THREADS.md"));
        return 0;
    }
}
