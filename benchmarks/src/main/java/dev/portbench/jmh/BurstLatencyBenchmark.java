package dev.portbench.jmh;

import dev.portbench.allocator.variants.AllocatorCatalog;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The latency distribution of single events on the {@code burst} workload, where all 3976 ports
 * close in one instant and their TIME-WAITs end together: the event that meets the bulk expiry
 * pays for it, and the tail (p99.9, max) shows which structures spread or concentrate that work.
 * JMH's sample-time mode times individual invocations, so percentiles below the timer's
 * granularity (tens of nanoseconds) are quantized; the tail is the point.
 */
@BenchmarkMode(Mode.SampleTime)
public class BurstLatencyBenchmark extends TraceEventBenchmark {

    /** Every allocator of the registry by default; JMH takes constant names ({@code -p allocator=FIFO,RING}). */
    @Param
    AllocatorCatalog allocator;

    /** The workload every invocation replays; deliberately not a parameter, so that JMH's
     *  {@code -p workload=...} for the replay benchmarks leaves this one on {@code burst}. */
    static final String WORKLOAD = "burst";

    @Setup(Level.Trial)
    public void setUp() {
        replayer = ReplayStates.warmedReplayer(allocator, WORKLOAD);
    }
}
