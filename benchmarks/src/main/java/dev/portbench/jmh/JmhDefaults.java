package dev.portbench.jmh;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The fork, warm-up and measurement settings of the suite's benchmarks, as constants and as the
 * annotations a benchmark class inherits by extending this class: thread-scoped state, average
 * time in nanoseconds, and the {@code quick} profile's forks and iterations, so that a plain
 * {@code java -jar portbench.jar} runs the whole suite in about the quick profile's time (JMH's
 * own defaults, 5 forks of 5 x 10 s + 5 x 10 s, would take days). {@code ./portbench run} passes
 * its profile's settings explicitly. JMH reads these annotations from the superclass, and a
 * subclass's own annotation wins (as {@code BurstLatencyBenchmark}'s {@code @BenchmarkMode}).
 * Holds no state and costs nothing at run time.
 */
@State(Scope.Thread)
@Fork(JmhDefaults.FORKS)
@Warmup(iterations = JmhDefaults.WARMUP_ITERATIONS, time = JmhDefaults.ITERATION_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = JmhDefaults.MEASUREMENT_ITERATIONS, time = JmhDefaults.ITERATION_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public abstract class JmhDefaults {

    /** Two forks: the fewest that measure fork-to-fork variance, on which every interval rests. */
    public static final int FORKS = 2;
    /** One warm-up iteration: the replay loops reach their C2 code within milliseconds; forks matter more. */
    public static final int WARMUP_ITERATIONS = 1;
    public static final int MEASUREMENT_ITERATIONS = 2;
    public static final int ITERATION_MILLIS = 250;

    /** For the benchmark classes that extend it; it is never instantiated alone. */
    protected JmhDefaults() {
    }
}
