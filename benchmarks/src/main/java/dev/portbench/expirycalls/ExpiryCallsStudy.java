package dev.portbench.expirycalls;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.io.AtomicFiles;
import dev.portbench.runfolder.ExpiryCallsFile;
import dev.portbench.runfolder.RunFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The bulk-expiry call study: every allocator of the catalog unbounded, and each that takes an
 * expiry quota bounded by {@code quota}, on each range, in {@code forks} rounds of forked JVMs
 * (one JVM per variant and round, variants interleaved so that a drift of the machine spreads over
 * all of them), each running {@link ExpiryCallsFork}; the rows go to {@code expiry-calls.json}.
 *
 * @param allocators the allocators measured unbounded
 * @param bounded the allocators measured with the quota too
 * @param quota the expiry quota of the bounded variants
 * @param ranges the ranges (ports due at once)
 * @param forks JVMs per variant
 * @param warmup untimed repetitions per range and fork
 * @param repetitions measured repetitions per range and fork
 * @param forkCommand the command line that starts a fork up to its options ({@code java ... expiry-calls-fork})
 * @param jvm the java binary, for the record
 * @param jvmArgs its extra options, for the record
 * @param command the command that runs the study, for the record
 * @param cpu the CPU model, for the record
 */
public record ExpiryCallsStudy(List<AllocatorCatalog> allocators, List<AllocatorCatalog> bounded, int quota, List<Integer> ranges,
                               int forks, int warmup, int repetitions, List<String> forkCommand, String jvm, List<String> jvmArgs,
                               String command, String cpu) {

    /** The quota of the issue's target. */
    public static final int DEFAULT_QUOTA = 64;
    /** Windows 95's range and the whole non-privileged one. */
    public static final List<Integer> DEFAULT_RANGES = List.of(3976, 64512);
    public static final int DEFAULT_FORKS = 5;
    public static final int DEFAULT_WARMUP = 10;
    public static final int DEFAULT_REPETITIONS = 30;
    /** Seconds a fork takes beyond its measuring (JVM start, class loading, JIT): about 1.5 s on the 2-core machine. */
    static final double FORK_OVERHEAD_SECONDS = 1.5;
    /** Nanoseconds per cycle and pass assumed by the estimate (timers included; the peer baselines cost far more, within their budget). */
    static final double NANOS_PER_CYCLE = 150;

    /** The allocators of {@code allocators} that take a quota. */
    public static List<AllocatorCatalog> takingQuota(List<AllocatorCatalog> allocators) {
        return allocators.stream().filter(ExpiryCallScenario::takesQuota).toList();
    }

    /** Every variant: each allocator unbounded, then each bounded one with the quota. */
    List<Variant> variants() {
        List<Variant> v = new ArrayList<>();
        allocators.forEach(a -> v.add(new Variant(a, 0)));
        bounded.forEach(a -> v.add(new Variant(a, quota)));
        return v;
    }

    /** One allocator with a quota (0 = unbounded). */
    record Variant(AllocatorCatalog allocator, int quota) {
    }

    /** JVMs started. */
    public int jvms() {
        return variants().size() * forks;
    }

    /** Estimated wall time. */
    public double estimateSeconds() {
        long cycles = ranges.stream().mapToLong(Integer::longValue).sum();
        double perFork = FORK_OVERHEAD_SECONDS + cycles * 4.0 * (warmup + repetitions) * NANOS_PER_CYCLE / 1e9;
        return jvms() * perFork;
    }

    /**
     * Runs every fork, printing a line per round, and writes {@code expiry-calls.json} into {@code dir}.
     *
     * @throws IllegalStateException if a fork fails or takes more than 5 minutes
     */
    public ExpiryCallsFile execute(Path dir, String startedAt) {
        Map<String, ExpiryCallsFile.Row> rows = new LinkedHashMap<>();
        Path part = dir.resolve("expiry-calls-fork.json");
        Path log = dir.resolve("expiry-calls.log");
        for (int f = 0; f < forks; f++) {
            long t0 = System.nanoTime();
            for (Variant v : variants()) {
                for (ExpiryCallsFile.Row r : fork(v, part, log)) {
                    String key = r.variant() + "@" + r.ports();
                    ExpiryCallsFile.Row had = rows.get(key);
                    List<ExpiryCallsFile.Fork> all = new ArrayList<>(had == null ? List.of() : had.forks());
                    all.addAll(r.forks());
                    rows.put(key, new ExpiryCallsFile.Row(r.allocator(), r.quota(), r.ports(), List.copyOf(all)));
                }
            }
            System.out.printf(Locale.ROOT, "  round %d of %d: %d JVMs, %.1f s%n", f + 1, forks, variants().size(),
                    (System.nanoTime() - t0) / 1e9);
        }
        try {
            Files.deleteIfExists(part);
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        ExpiryCallsFile file = new ExpiryCallsFile(ExpiryCallsFile.SCHEMA, command, startedAt, cpu, jvm, jvmArgs, quota, warmup,
                repetitions, new ArrayList<>(rows.values()));
        RunFiles.write(dir.resolve(ExpiryCallsFile.FILE), file);
        return file;
    }

    private List<ExpiryCallsFile.Row> fork(Variant v, Path part, Path log) {
        List<String> cmd = new ArrayList<>(forkCommand);
        cmd.addAll(List.of("--allocator", v.allocator().id(), "--quota", String.valueOf(v.quota()),
                "--ranges", String.join(",", ranges.stream().map(String::valueOf).toList()),
                "--warmup", String.valueOf(warmup), "--repetitions", String.valueOf(repetitions), "--out", part.toString()));
        try {
            Files.deleteIfExists(part);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("an expiry-calls fork failed (" + (p.isAlive() ? "timeout" : "exit " + p.exitValue())
                        + "): " + String.join(" ", cmd) + "; see " + log);
            }
            return List.of(AtomicFiles.JSON.readValue(part.toFile(), ExpiryCallsFile.Row[].class));
        } catch (IOException e) {
            throw new UncheckedIOException("expiry-calls fork: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
