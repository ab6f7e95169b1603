package dev.portbench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * The floor under every {@link CostBreakdownBenchmark} number: the same invocation-level setup
 * (which makes JMH read the clock around each call) and a call that does nothing but return a
 * field. The report subtracts it from each breakdown; nanoseconds per call.
 */
public class InvocationFloorBenchmark extends JmhDefaults {

    long counter;

    @Setup(Level.Invocation)
    public void untimedStep() {
        counter++;
    }

    @Benchmark
    public long call() {
        return counter;
    }
}
