package dev.portbench.jmh;

import dev.portbench.allocator.PortAllocator;
import dev.portbench.selection.PolicyPair;
import dev.portbench.selection.SelectionStudy;
import dev.portbench.workload.Trace;
import dev.portbench.workload.TraceReplayer;
import dev.portbench.workload.Workloads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The cost of each selection policy: the {@code q170791-rho0.99} trace (where free ports are
 * scarce and probing policies search hardest) replayed with connections spread over the 16
 * destinations of {@link SelectionStudy#destinations()}, on every structure that serves the policy (the support matrix,
 * {@link PolicyPair#all()}; a unit test keeps the list equal to it). The {@code quick} and
 * {@code smoke} profiles run each policy once, on {@link PolicyPair#benchmarked()}; {@code full}
 * runs them all. Nanoseconds per event, as {@link ReplayBenchmark}.
 */
public class SelectionBenchmark extends TraceEventBenchmark {

    /** The workload every policy is measured on. */
    public static final String WORKLOAD = Workloads.HEADLINE;

    @Param({"bitset/sequential", "bitset/random-start", "bitset/random-pick", "bitset/hash", "bitset/double-hash",
            "bitset/random-increments", "timing-wheel/sequential", "timing-wheel/random-start", "timing-wheel/random-pick",
            "timing-wheel/hash", "timing-wheel/double-hash", "timing-wheel/random-increments", "heap/sequential",
            "heap/random-start", "heap/random-pick", "heap/hash", "heap/double-hash", "heap/random-increments",
            "4-ary-heap/sequential", "4-ary-heap/random-start", "4-ary-heap/random-pick", "4-ary-heap/hash",
            "4-ary-heap/double-hash", "4-ary-heap/random-increments", "fifo/least-recently-used",
            "ring/least-recently-used", "indexed-set/uniform-random", "locked-fifo/least-recently-used",
            "locked-ring/least-recently-used",
            "sharded-fifo/least-recently-used", "sharded-ring/least-recently-used", "cas-bitset/sequential",
            "eclipse-collections/least-recently-used",
            "jdk-collections/sequential", "agrona-timer-wheel/sequential"})
    String policy;

    @Setup(Level.Trial)
    public void setUp() {
        Trace trace = ReplayStates.trace(WORKLOAD);
        PortAllocator allocator = PolicyPair.fromId(policy).create(trace.workload().allocatorConfig());
        replayer = new TraceReplayer(trace, allocator, ReplayStates.START_TIME, SelectionStudy.destinations());
        replayer.run(trace.size());
    }
}
