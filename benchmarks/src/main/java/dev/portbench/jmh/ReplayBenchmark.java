package dev.portbench.jmh;

import dev.portbench.allocator.variants.AllocatorCatalog;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The cost of one workload event on one allocator: the next event of the trace (an allocate,
 * a release or a reclaim, and whatever TIME-WAIT expiry the allocator does inside that call),
 * in nanoseconds, averaged. One invocation is one event; the trace replays lap after lap with
 * time moving on, so the measurement sees the steady state of the workload, including the
 * failed allocations of an overloaded one.
 *
 * <p>The allocator parameter is the registry's enum, so every registered allocator runs by default;
 * the workload list names every named workload (a unit test keeps it equal to {@code Workloads},
 * since imported traces make workloads open-ended). Run a subset with JMH's
 * {@code -p allocator=FIFO,RING} (constant names) and {@code -p workload=...} (ids).
 */
public class ReplayBenchmark extends NamedWorkloadBenchmark {

    /** Every allocator of the registry by default; JMH takes constant names ({@code -p allocator=FIFO,RING}). */
    @Param
    AllocatorCatalog allocator;

    @Setup(Level.Trial)
    public void setUp() {
        replayer = ReplayStates.warmedReplayer(allocator, workload, traceFile);
    }
}
