package dev.portbench.cli;

import dev.portbench.jmh.JmhDefaults;
import dev.portbench.workload.Workloads;

import java.util.List;
import java.util.Locale;

/**
 * How much measuring a run does. Every profile runs the same benchmarks through the same code;
 * they differ in iterations, forks and, for {@code smoke}, which workloads are included by default.
 *
 * <ul>
 *   <li>{@code smoke}: seconds; proves the command end to end (CI runs it). Numbers are not for reading.</li>
 *   <li>{@code quick}: every allocator x workload and every selection policy once, two forks (the fewest
 *       that can say anything about fork-to-fork variance) of short iterations; about nine minutes on two cores.</li>
 *   <li>{@code full}: five forks, every selection policy on every structure, for publication; about 75 minutes.</li>
 * </ul>
 * Verdicts rest on fork means (see {@code dev.portbench.stats}), so forks buy more certainty than
 * longer iterations do: the profiles spend their time on forks.
 */
public enum Profile {
    SMOKE(1, 1, 100, 2, 100, List.of(Workloads.HEADLINE, "burst", "scale-64512"), 4, 1, 2, 3),
    /** The JMH annotations' defaults ({@link JmhDefaults}): a plain {@code java -jar benchmarks.jar} runs this profile. */
    QUICK(JmhDefaults.FORKS, JmhDefaults.WARMUP_ITERATIONS, JmhDefaults.ITERATION_MILLIS, JmhDefaults.MEASUREMENT_ITERATIONS,
            JmhDefaults.ITERATION_MILLIS, Workloads.ids(), 10, 2, 5, 10),
    FULL(5, 3, 500, 5, 600, Workloads.ids(), 20, 10, 10, 20);

    /** Seconds a forked JVM spends starting, generating its trace and warming a lap, measured roughly here. */
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

    Profile(int forks, int warmupIterations, int warmupMillis, int measurementIterations, int measurementMillis,
            List<String> defaultWorkloads, int simulationPeriods, int bulkForks, int bulkWarmupIterations,
            int bulkMeasurementIterations) {
        this.bulkForks = bulkForks;
        this.bulkWarmupIterations = bulkWarmupIterations;
        this.bulkMeasurementIterations = bulkMeasurementIterations;
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.measurementIterations = measurementIterations;
        this.measurementMillis = measurementMillis;
        this.defaultWorkloads = defaultWorkloads;
        this.simulationPeriods = simulationPeriods;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Estimated seconds for {@code benchmarks} benchmark/parameter combinations. */
    double estimateSeconds(int benchmarks) {
        double perFork = (warmupIterations * warmupMillis + measurementIterations * measurementMillis) / 1000.0
                + FORK_OVERHEAD_SECONDS;
        return benchmarks * forks * perFork;
    }
}
