package dev.portbench.jmh;

import dev.portbench.workload.TraceReplayer;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * The empty replay: walks the same trace as {@link ReplayBenchmark} with no allocator behind it.
 * Its time is the floor under every replay number (JMH's call overhead plus the trace reads);
 * the report shows it beside the allocators so that a few nanoseconds are read for what they are.
 */
public class HarnessBaselineBenchmark extends NamedWorkloadBenchmark {

    @Setup(Level.Trial)
    public void setUp() {
        replayer = TraceReplayer.walkOnly(ReplayStates.trace(workload, traceFile), ReplayStates.START_TIME);
    }

    /** The walk has no allocator to check: only that the replay did work. */
    @Override
    void check(TraceReplayer r) {
        ReplayStates.checkOpened(r, "harness baseline");
    }
}
