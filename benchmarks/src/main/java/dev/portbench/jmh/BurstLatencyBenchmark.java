package dev.portbench.jmh;

import dev.portbench.workload.TraceReplayer;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The latency distribution of single events on the {@code burst} workload, where all 3976 ports
 * close in one instant and their TIME-WAITs end together: the event that meets the bulk expiry
 * pays for it, and the tail (p99.9, max) shows which structures spread or concentrate that work.
 * JMH's sample-time mode times individual invocations, so percentiles below the timer's
 * granularity (tens of nanoseconds) are quantized; the tail is the point.
 */
@State(Scope.Thread)
@Fork(JmhDefaults.FORKS)
@Warmup(iterations = JmhDefaults.WARMUP_ITERATIONS, time = JmhDefaults.ITERATION_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = JmhDefaults.MEASUREMENT_ITERATIONS, time = JmhDefaults.ITERATION_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BurstLatencyBenchmark {

    @Param({"bitset", "timing-wheel", "heap", "4-ary-heap", "fifo", "ring", "indexed-set", "locked-fifo", "sharded-fifo", "cas-bitset",
            "eclipse-collections", "jdk-collections", "agrona-timer-wheel"})
    String allocator;

    /** The workload every invocation replays; deliberately not a parameter, so that JMH's
     *  {@code -p workload=...} for the replay benchmarks leaves this one on {@code burst}. */
    static final String WORKLOAD = "burst";

    TraceReplayer replayer;

    @Setup(Level.Trial)
    public void setUp() {
        replayer = ReplayStates.warmedReplayer(allocator, WORKLOAD);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ReplayStates.check(replayer);
    }

    @Benchmark
    public int replay() {
        return replayer.step();
    }
}
