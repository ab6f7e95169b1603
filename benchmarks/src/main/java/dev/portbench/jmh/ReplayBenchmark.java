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
 * The cost of one workload event on one allocator: the next event of the trace (an allocate,
 * a release or a reclaim, and whatever TIME-WAIT expiry the allocator does inside that call),
 * in nanoseconds, averaged. One invocation is one event; the trace replays lap after lap with
 * time moving on, so the measurement sees the steady state of the workload, including the
 * failed allocations of an overloaded one.
 *
 * <p>The parameter lists name every registered allocator and every named workload; a unit test
 * keeps them equal to the registries. Run a subset with JMH's {@code -p allocator=...}.
 */
@State(Scope.Thread)
@Fork(JmhDefaults.FORKS)
@Warmup(iterations = JmhDefaults.WARMUP_ITERATIONS, time = JmhDefaults.ITERATION_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = JmhDefaults.MEASUREMENT_ITERATIONS, time = JmhDefaults.ITERATION_MILLIS, timeUnit = TimeUnit.MILLISECONDS)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReplayBenchmark {

    @Param({"bitset", "timing-wheel", "heap", "4-ary-heap", "fifo", "ring", "indexed-set", "locked-fifo", "sharded-fifo", "cas-bitset",
            "eclipse-collections", "jdk-collections", "agrona-timer-wheel"})
    String allocator;

    @Param({"q170791-rho0.50", "q170791-rho0.90", "q170791-rho0.99", "q170791-rho1.25", "burst",
            "reclaim-0.25", "scale-3976", "scale-16384", "scale-28232", "scale-64512"})
    String workload;

    /** The replay file of an imported trace ({@code workload=trace:NAME}); empty for named workloads. */
    @Param({""})
    String traceFile;

    TraceReplayer replayer;

    @Setup(Level.Trial)
    public void setUp() {
        replayer = ReplayStates.warmedReplayer(allocator, workload, traceFile);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ReplayStates.check(replayer);
    }

    /** Replays one event; the port it concerned is returned so that JMH consumes it. */
    @Benchmark
    public int replay() {
        return replayer.step();
    }
}
