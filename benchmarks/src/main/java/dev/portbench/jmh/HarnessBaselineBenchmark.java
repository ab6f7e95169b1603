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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The empty replay: walks the same trace as {@link ReplayBenchmark} with no allocator behind it.
 * Its time is the floor under every replay number (JMH's call overhead plus the trace reads);
 * the report shows it beside the allocators so that a few nanoseconds are read for what they are.
 */
@State(Scope.Thread)
@Fork(JmhDefaults.FORKS)
@Warmup(iterations = JmhDefaults.WARMUP_ITERATIONS, time = JmhDefaults.ITERATION_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = JmhDefaults.MEASUREMENT_ITERATIONS, time = JmhDefaults.ITERATION_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HarnessBaselineBenchmark {

    @Param({"q170791-rho0.50", "q170791-rho0.90", "q170791-rho0.99", "q170791-rho1.25", "burst",
            "reclaim-0.25", "scale-3976", "scale-16384", "scale-28232", "scale-64512"})
    String workload;

    /** The replay file of an imported trace ({@code workload=trace:NAME}); empty for named workloads. */
    @Param({""})
    String traceFile;

    TraceReplayer walker;

    @Setup(Level.Trial)
    public void setUp() {
        walker = TraceReplayer.walkOnly(ReplayStates.trace(workload, traceFile), ReplayStates.START_TIME);
    }

    @Benchmark
    public int replay() {
        return walker.step();
    }
}
