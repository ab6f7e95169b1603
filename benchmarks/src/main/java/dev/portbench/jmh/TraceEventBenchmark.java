package dev.portbench.jmh;

import dev.portbench.workload.TraceReplayer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What every benchmark that times one trace event per invocation shares: the suite's JMH settings
 * and average time in nanoseconds (inherited from {@link JmhDefaults}; a subclass's own annotation
 * wins), one thread-scoped {@link TraceReplayer} that the subclass's
 * {@code @Setup} builds, the {@code replay} benchmark method (one event; the port it concerned is
 * returned so that JMH consumes it) and the check after the trial. JMH names each benchmark by its
 * concrete class ({@code ReplayBenchmark.replay}, {@code FloorBenchmark.replay}, ...).
 */
public abstract class TraceEventBenchmark extends JmhDefaults {

    /** The replay every invocation steps; built by the subclass's trial setup. */
    TraceReplayer replayer;

    /**
     * After the trial, {@link #check(TraceReplayer)}: a benchmark whose replay went wrong fails
     * instead of publishing a number.
     */
    @TearDown(Level.Trial)
    public void tearDown() {
        check(replayer);
    }

    /** The check after the trial; by default {@link ReplayStates#check}, for a replay onto a port allocator. */
    void check(TraceReplayer r) {
        ReplayStates.check(r);
    }

    /** Replays one event; the port it concerned is returned so that JMH consumes it. */
    @Benchmark
    public int replay() {
        return replayer.step();
    }
}
