package dev.portbench.cli;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.jmh.JmhDefaults;
import dev.portbench.workload.Workloads;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How much measuring a run does. Every profile runs the same benchmarks through the same code;
 * they differ in forks, iterations, which workloads are included by default, and which extra
 * passes ({@link JmhPass}) run after the main one.
 *
 * <ul>
 *   <li>{@code smoke}: seconds; proves the command end to end (CI runs it). Numbers are not for reading.</li>
 *   <li>{@code quick}: every allocator but the two of {@link #QUICK_LEAVES_OUT} on the {@link QuickWorkloads seven workloads} that carry the
 *       report's verdicts, every selection policy once, and the bulk-expiry pass; two forks (the fewest
 *       that can say anything about fork-to-fork variance) of short iterations; but the headline
 *       workload, whose ranking the report leads with, gets {@link #QUICK_HEADLINE_FORKS} forks of
 *       every allocator (the two left out elsewhere included), so that its pairs are decided; no
 *       cost breakdown. About eight minutes of measuring on two cores, so that build and run stay under ten.</li>
 *   <li>{@code full}: five forks, every workload, every selection policy on every structure, the
 *       bulk-expiry pass with eight forks, the cost breakdown with three, and every call of the bulk
 *       expiry timed ({@link ExpiryCallsCommand}, run by {@link RunCommand}): for publication, about
 *       an hour on two cores.</li>
 * </ul>
 * Verdicts rest on fork means (see {@code dev.portbench.stats}), so forks buy more certainty than
 * longer iterations do: the profiles spend their time on forks. {@code PortBenchTest} checks the
 * quick profile's estimate against its budget, so a benchmark added to the suite cannot silently
 * push the default run past ten minutes.
 */
public enum Profile {
    SMOKE(1, 1, 100, 2, 100, List.of(Workloads.HEADLINE, "burst", "scale-64512"), 4, 1, 2, 3, 1),
    /** The JMH annotations' defaults ({@link JmhDefaults}): a plain {@code java -jar portbench.jar} runs this profile's settings. */
    QUICK(JmhDefaults.FORKS, JmhDefaults.WARMUP_ITERATIONS, JmhDefaults.ITERATION_MILLIS, JmhDefaults.MEASUREMENT_ITERATIONS,
            JmhDefaults.ITERATION_MILLIS, QuickWorkloads.IDS, 10, 2, 5, 10, 0),
    FULL(5, 2, 300, 3, 400, Workloads.ids(), 20, 8, 10, 20, 3);

    /**
     * The quick profile's workloads: the headline and the loads around it (fixed rate at rho 0.50,
     * 0.99, 1.25), the burst, reclaim, and the smallest and largest range (Poisson). The full
     * profile adds rho 0.90 and the two middle ranges, whose verdicts the quick ones bracket.
     * (A holder class: an enum's own static fields are not yet set when its constants are built.)
     */
    static final class QuickWorkloads {
        static final List<String> IDS = List.of("q170791-rho0.50", Workloads.HEADLINE, "q170791-rho1.25", "burst",
                "reclaim-0.25", "scale-3976", "scale-64512");

        private QuickWorkloads() {
        }
    }

    /**
     * Allocators the quick profile leaves out unless {@code --allocators} names them: the
     * thread-safe {@code fifo} wrappers, whose one-thread cost is their {@code ring} siblings'
     * ({@code locked-ring}, {@code sharded-ring}) design on a slower structure; {@code ./portbench
     * threads} and the full profile measure them. It keeps the quick run within its budget. They
     * are still measured on the headline workload ({@link #headlineForks}), so the headline ranks every allocator.
     */
    static final List<AllocatorCatalog> QUICK_LEAVES_OUT = List.of(AllocatorCatalog.LOCKED_FIFO, AllocatorCatalog.SHARDED_FIFO);

    /**
     * Forks of every allocator on the headline workload in the quick profile. With two forks a
     * side, a ratio's 99% interval uses Student's t at 2 degrees of freedom (9.9 standard errors);
     * with four, at 6 (3.7). Measured on the full reference run 20261207-182548-full: of the 84 pairs
     * it decides by at least 1.25x, its first 2 forks of each allocator decide 56, its first 3 decide
     * 77, its first 4 decide all 84 (the same holds for its last forks).
     */
    static final int QUICK_HEADLINE_FORKS = 4;

    /** Forks of every allocator on the headline workload: {@link #QUICK_HEADLINE_FORKS} in quick, else the profile's forks. */
    int headlineForks() {
        return this == QUICK ? QUICK_HEADLINE_FORKS : forks;
    }

    /** The allocators a run of this profile measures when {@code --allocators} is not given. */
    List<AllocatorCatalog> defaultAllocators() {
        return Arrays.stream(AllocatorCatalog.values())
                .filter(a -> this != QUICK || !QUICK_LEAVES_OUT.contains(a)).toList();
    }

    /**
     * Seconds a forked JVM spends starting, generating its trace and warming a lap, beside its
     * iterations: 0.5 s, measured on the 2-core machine from the main passes of the quick runs
     * 20261207-205109, -205829 and -210540 (272 forks of 0.75 s of iterations each in 346, 336 and
     * 331 s by JMH's "Total time": 1.22 to 1.27 s a fork).
     */
    static final double FORK_OVERHEAD_SECONDS = 0.5;

    final int forks;
    final int warmupIterations;
    final int warmupMillis;
    final int measurementIterations;
    final int measurementMillis;
    final List<String> defaultWorkloads;
    /** Length of each simulated client run, in periods of TIME-WAIT plus holding time. */
    final int simulationPeriods;
    /** Forks and single-shot iterations of the bulk-expiry pass ({@link JmhPass}). */
    final int bulkForks;
    final int bulkWarmupIterations;
    final int bulkMeasurementIterations;
    /** Forks of the cost-breakdown pass ({@link JmhPass}; the main pass's iterations); 0 skips the pass. */
    final int breakdownForks;

    Profile(int forks, int warmupIterations, int warmupMillis, int measurementIterations, int measurementMillis,
            List<String> defaultWorkloads, int simulationPeriods, int bulkForks, int bulkWarmupIterations,
            int bulkMeasurementIterations, int breakdownForks) {
        this.bulkForks = bulkForks;
        this.bulkWarmupIterations = bulkWarmupIterations;
        this.bulkMeasurementIterations = bulkMeasurementIterations;
        this.breakdownForks = breakdownForks;
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.measurementIterations = measurementIterations;
        this.measurementMillis = measurementMillis;
        this.defaultWorkloads = defaultWorkloads;
        this.simulationPeriods = simulationPeriods;
    }

    /**
     * The adaptive rounds after the first ({@link AdaptiveRounds}): planned looks, the seconds the
     * later rounds may spend, and the most forks one benchmark may reach. Smoke adds a few forks to
     * prove the path; quick spends 30 s (about 24 forks: what its ten minutes, build included, leave
     * beside the NAT passes; 10 s, 8 forks, left pairs of the headline open in the three quick runs of
     * 2026-12-08, most of them with sharded-fifo or sharded-ring, whose forks spread the most), full
     * four minutes.
     */
    Adaptive adaptive() {
        return switch (this) {
            case SMOKE -> new Adaptive(2, 4, 2);
            case QUICK -> new Adaptive(3, 30, 6);
            case FULL -> new Adaptive(3, 240, 12);
        };
    }

    /**
     * @param looks planned looks, the first round included (the group-sequential design's K)
     * @param budgetSeconds estimated seconds all later rounds together may spend
     * @param maxForks the most forks one benchmark may reach
     */
    record Adaptive(int looks, double budgetSeconds, int maxForks) {
    }

    /** Estimated seconds of one fork of the main pass: its iterations and the JVM's start. */
    double secondsPerFork() {
        return (warmupIterations * warmupMillis + measurementIterations * measurementMillis) / 1000.0 + FORK_OVERHEAD_SECONDS;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Estimated seconds for {@code benchmarks} benchmark/parameter combinations. */
    double estimateSeconds(int benchmarks) {
        return estimateSeconds(benchmarks, forks);
    }

    /** Estimated seconds for {@code benchmarks} combinations run with {@code forkCount} forks at this profile's iterations. */
    double estimateSeconds(int benchmarks, int forkCount) {
        return benchmarks * forkCount * secondsPerFork();
    }
}
