package dev.portbench.jmh;

import dev.portbench.workload.TraceReplayer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The floor: the same events as {@link ReplayBenchmark}, in the same harness, on the cheapest
 * cycle that keeps TIME-WAIT on a clean trace ({@link dev.portbench.workload.ReplayFloor}, replayed by the same {@link TraceReplayer}: a free ring and a TIME-WAIT
 * ring inline, no checks, no reclaim, no interface). A lower bound, not a usable allocator: the
 * report gives every allocator's cost as a multiple of it, beside its ratio to java.util.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FloorBenchmark {

    @Param({"q170791-rho0.50", "q170791-rho0.90", "q170791-rho0.99", "q170791-rho1.25", "burst",
            "reclaim-0.25", "scale-3976", "scale-16384", "scale-28232", "scale-64512"})
    String workload;

    /** The replay file of an imported trace (workload {@code trace:NAME}); empty for the named workloads. */
    @Param({""})
    String traceFile;

    TraceReplayer floor;

    @Setup(Level.Trial)
    public void setUp() {
        floor = ReplayStates.warmedFloor(workload, traceFile);
    }

    /** Replays one event on the floor; the port it concerned is returned so that JMH consumes it. */
    @Benchmark
    public int replay() {
        return floor.step();
    }
}
