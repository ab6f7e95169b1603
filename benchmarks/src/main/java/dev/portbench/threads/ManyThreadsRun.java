package dev.portbench.threads;

import dev.portbench.jmh.JmhParams;
import dev.portbench.jmh.ManyThreadsBenchmark;
import dev.portbench.runfolder.JmhResultFile;
import dev.portbench.runfolder.ManyThreadsFile;
import dev.portbench.runfolder.RunFiles;
import dev.portbench.stats.Confidence;
import dev.portbench.stats.ForkSample;
import dev.portbench.stats.Interval;
import dev.portbench.workload.Workloads;
import dev.portbench.allocator.variants.AllocatorCatalog;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.results.format.ResultFormatType;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs {@link ManyThreadsBenchmark} once per thread count (JMH takes one count per run) and the
 * {@link ExhaustionStudy}, and writes {@code many-threads.json} into a folder, beside JMH's own
 * result file for each count ({@code many-threads-jmh-t<N>.json}) and its output
 * ({@code many-threads.log}).
 *
 * @param allocators allocator ids
 * @param workloads workload ids
 * @param threadCounts thread counts, each a JMH run
 * @param forks forks per measurement (at least 2 for an interval over forks)
 * @param warmupIterations warm-up iterations per fork
 * @param iterations measurement iterations per fork
 * @param millis length of each iteration
 * @param jvm the java binary to fork
 * @param jvmArgs extra options for the forked JVMs
 * @param command the command line, recorded
 * @param cpu the CPU model, recorded
 */
public record ManyThreadsRun(List<String> allocators, List<String> workloads, List<Integer> threadCounts, int forks,
                             int warmupIterations, int iterations, int millis, String jvm, List<String> jvmArgs,
                             String command, String cpu) {

    /**
     * Allocators measured by default, kept short so that {@code ./portbench threads} stays within
     * minutes: the best thread-safe allocator of each design ({@code locked-ring}, the cheapest at
     * one thread; {@code sharded-ring}, the one that scales; {@code cas-bitset}, lock-free), the
     * baseline a user writes first ({@code locked-fifo}), and the best single-owner allocator,
     * {@code ring}, confined: what the targets compare with.
     */
    public static List<String> defaultAllocators() {
        return Stream.of(AllocatorCatalog.LOCKED_RING, AllocatorCatalog.SHARDED_RING, AllocatorCatalog.CAS_BITSET,
                AllocatorCatalog.LOCKED_FIFO, AllocatorCatalog.RING).map(AllocatorCatalog::id).toList();
    }

    /** Workloads measured by default: the KB's client at rho 0.99, and Linux's default range. */
    public static final List<String> DEFAULT_WORKLOADS = List.of("q170791-rho0.99", "scale-28232");

    public ManyThreadsRun {
        for (String w : workloads) {
            Workloads.byId(w);
        }
        for (String a : allocators) {
            AllocatorCatalog.fromId(a);
        }
        if (threadCounts.isEmpty() || threadCounts.stream().anyMatch(t -> t < 1)) {
            throw new IllegalArgumentException("threads: " + threadCounts + " (expected: one or more counts >= 1)");
        }
        threadCounts = threadCounts.stream().distinct().sorted().toList();
    }

    /** Benchmarks to run: allocators x workloads x thread counts. */
    public int benchmarkCount() {
        return allocators.size() * workloads.size() * threadCounts.size();
    }

    /** Rough seconds for the whole run. */
    public double estimateSeconds() {
        return benchmarkCount() * forks * ((warmupIterations + iterations) * millis / 1000.0 + 1.0) + 10;
    }

    /**
     * Measures and writes {@code many-threads.json} (and JMH's files) into {@code dir}.
     *
     * @return the data written
     * @throws IllegalStateException if JMH fails
     */
    public ManyThreadsFile execute(Path dir) {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<ManyThreadsFile.Throughput> rows = new ArrayList<>();
        try (PrintStream log = new PrintStream(new FileOutputStream(dir.resolve("many-threads.log").toFile()), true,
                StandardCharsets.UTF_8)) {
            log.println("# " + command);
            for (int threads : threadCounts) {
                System.out.printf(Locale.ROOT, "  %d thread(s): %d allocators x %d workloads, %d forks%n", threads,
                        allocators.size(), workloads.size(), forks);
                Collection<RunResult> results = new Runner(options(dir, threads).build(),
                        OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL)).run();
                if (results.isEmpty()) {
                    throw new IllegalStateException("JMH ran nothing for " + threads + " threads");
                }
                rows.addAll(rows(dir.resolve("many-threads-jmh-t" + threads + ".json"), threads));
            }
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed: " + e.getMessage() + "; see " + dir.resolve("many-threads.log"), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("many-threads.log") + ": " + e.getMessage(), e);
        }
        System.out.println("  false exhaustion: " + threadCounts + " threads replaying slices together");
        List<ManyThreadsFile.Exhaustion> exhaustion = ExhaustionStudy.run(allocators, workloads, threadCounts);
        ManyThreadsFile data = new ManyThreadsFile(ManyThreadsFile.SCHEMA, cpu,
                Runtime.getRuntime().availableProcessors(), jvm, command, started.toString(), threadCounts, forks,
                List.copyOf(rows), exhaustion, true, true);
        RunFiles.write(dir.resolve(RunFiles.MANY_THREADS), data);
        return data;
    }

    private ChainedOptionsBuilder options(Path dir, int threads) {
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include("^" + Pattern.quote(ManyThreadsBenchmark.class.getName() + ".replay") + "$")
                .param(JmhParams.ALLOCATOR, JmhParams.allocators(allocators).toArray(new String[0]))
                .param("workload", workloads.toArray(new String[0]))
                .threads(threads)
                .forks(forks)
                .warmupIterations(warmupIterations)
                .warmupTime(TimeValue.milliseconds(millis))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.milliseconds(millis))
                .shouldFailOnError(true)
                .jvm(jvm)
                .resultFormat(ResultFormatType.JSON)
                .result(dir.resolve("many-threads-jmh-t" + threads + ".json").toString());
        if (!jvmArgs.isEmpty()) {
            o.jvmArgsAppend(jvmArgs.toArray(new String[0]));
        }
        return o;
    }

    /**
     * One row per result of JMH's JSON file: fork means from each fork's iterations
     * ({@code rawData}), and a 99% Student t interval over them (the suite's one level) ({@link ForkSample}).
     *
     * @throws IllegalArgumentException if the file is missing or malformed, or a result has no per-fork data
     */
    static List<ManyThreadsFile.Throughput> rows(Path jmhJson, int threads) {
        List<ManyThreadsFile.Throughput> rows = new ArrayList<>();
        List<JmhResultFile> results = RunFiles.readJmh(jmhJson);
        for (int i = 0; i < results.size(); i++) {
            JmhResultFile r = results.get(i);
            String allocator = r.params().get(JmhParams.ALLOCATOR);
            String workload = r.params().get("workload");
            if (r.primaryMetric() == null || r.primaryMetric().rawData() == null) {
                throw new IllegalArgumentException(jmhJson + ": result " + i + " has no primaryMetric.rawData (expected one array "
                        + "of iteration scores per fork)");
            }
            ForkSample sample = ForkSample.of(r.primaryMetric().rawData());
            Interval interval = sample.interval(Confidence.RANKING);
            List<Double> forkMeans = new ArrayList<>();
            for (double m : sample.forkMeans()) {
                forkMeans.add(m);
            }
            rows.add(new ManyThreadsFile.Throughput(allocator, AllocatorCatalog.fromId(allocator).isThreadSafe(),
                    workload, threads, interval.estimate(), interval.low(), interval.high(), List.copyOf(forkMeans)));
        }
        return rows;
    }
}
