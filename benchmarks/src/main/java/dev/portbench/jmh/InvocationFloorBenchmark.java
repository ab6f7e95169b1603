package dev.portbench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The floor under every {@link CostBreakdownBenchmark} number: the same invocation-level setup
 * (which makes JMH read the clock around each call) and a call that does nothing but return a
 * field. The report subtracts it from each breakdown; nanoseconds per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(JmhDefaults.FORKS)
@Warmup(iterations = JmhDefaults.WARMUP_ITERATIONS, time = JmhDefaults.ITERATION_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = JmhDefaults.MEASUREMENT_ITERATIONS, time = JmhDefaults.ITERATION_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
public class InvocationFloorBenchmark {

    long counter;

    @Setup(Level.Invocation)
    public void untimedStep() {
        counter++;
    }

    @Benchmark
    public long call() {
        return counter;
    }
}
