package dev.portbench.jmh.nat;

import dev.portbench.jmh.JmhDefaults;
import org.openjdk.jmh.annotations.Param;

/**
 * The load both NAT benchmarks are measured at, so that {@link NatChurnBenchmark} and its floor
 * {@link NatFloorBenchmark} always share their parameters: {@code addresses} external addresses
 * (1, 4 and 16: 64,512, 258,048 and 1,032,192 pairs) and {@code fill}, the share of the pairs in
 * use (50, 90 and 99%), with the suite's JMH settings ({@link JmhDefaults}). JMH reads the
 * parameters from this superclass; each subclass builds its own state from them in its trial setup
 * and times its own {@code churn} method, so nothing here lies on the timed path.
 */
public abstract class NatLoadBenchmark extends JmhDefaults {

    @Param({"1", "4", "16"})
    int addresses;

    @Param({"0.5", "0.9", "0.99"})
    double fill;
}
