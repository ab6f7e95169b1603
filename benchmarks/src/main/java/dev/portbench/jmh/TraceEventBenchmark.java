package dev.portbench.jmh;

import dev.portbench.workload.TraceReplayer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What every benchmark that times one trace event per invocation shares: the suite's JMH settings
 * ({@link JmhDefaults}; JMH's annotations are inherited, and a subclass's own annotation wins),
 * average time in nanoseconds, one thread-scoped {@link TraceReplayer} that the subclass's
 * {@code @Setup} builds, the {@code replay} benchmark method (one event; the port it concerned is
 * returned so that JMH consumes it) and the check after the trial. JMH names each benchmark by its
 * concrete class ({@code ReplayBenchmark.replay}, {@code FloorBenchmark.replay}, ...).
 */
@State(Scope.Thread)
@Fork(JmhDefaults.FORKS)
@Warmup(iterations = JmhDefaults.WARMUP_ITERATIONS, time = JmhDefaults.ITERATION_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = JmhDefaults.MEASUREMENT_ITERATIONS, time = JmhDefaults.ITERATION_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class TraceEventBenchmark {

    /** The replay every invocation steps; built by the subclass's trial setup. */
    TraceReplayer replayer;

    /**
     * After the trial, {@link #check(TraceReplayer)}: a benchmark whose replay went wrong fails
     * instead of publishing a number.
     */
    @TearDown(Level.Trial)
    public void tearDown() {
        check(replayer);
    }

    /** The check after the trial; by default {@link ReplayStates#check}, for a replay onto a port allocator. */
    void check(TraceReplayer r) {
        ReplayStates.check(r);
    }

    /** Replays one event; the port it concerned is returned so that JMH consumes it. */
    @Benchmark
    public int replay() {
        return replayer.step();
    }
}
