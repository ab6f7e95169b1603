package dev.portbench.jmh;

import dev.portbench.workload.TraceReplayer;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * The floor: the same events as {@link ReplayBenchmark}, in the same harness, on the cheapest
 * cycle that keeps TIME-WAIT on a clean trace ({@link dev.portbench.workload.ReplayFloor}, replayed by the same {@link TraceReplayer}: a free ring and a TIME-WAIT
 * ring inline, no checks, no reclaim, no interface). A lower bound, not a usable allocator: the
 * report gives every allocator's cost as a multiple of it, beside its ratio to java.util.
 */
public class FloorBenchmark extends NamedWorkloadBenchmark {

    @Setup(Level.Trial)
    public void setUp() {
        replayer = ReplayStates.warmedFloor(workload, traceFile);
    }

    /** The floor keeps no counts to check: only that the replay did work. */
    @Override
    void check(TraceReplayer r) {
        ReplayStates.checkOpened(r, "floor");
    }
}
