package dev.portbench.jmh.nat;

import dev.portbench.jmh.JmhDefaults;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** The NAT floor ({@link NatFloor}) on {@link NatChurnBenchmark}'s parameters: a lower bound, not an allocator. */
@State(Scope.Thread)
@Fork(JmhDefaults.FORKS)
@Warmup(iterations = JmhDefaults.WARMUP_ITERATIONS, time = JmhDefaults.ITERATION_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = JmhDefaults.MEASUREMENT_ITERATIONS, time = JmhDefaults.ITERATION_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NatFloorBenchmark {

    @Param({"1", "4", "16"})
    int addresses;

    @Param({"0.5", "0.9", "0.99"})
    double fill;

    NatFloor floor;

    @Setup(Level.Trial)
    public void setUp() {
        floor = new NatFloor(addresses, fill);
    }

    @Benchmark
    public long churn() {
        return floor.step();
    }
}
