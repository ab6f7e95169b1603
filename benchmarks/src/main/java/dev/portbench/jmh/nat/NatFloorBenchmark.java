package dev.portbench.jmh.nat;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/** The NAT floor ({@link NatFloor}) on {@link NatChurnBenchmark}'s parameters: a lower bound, not an allocator. */
public class NatFloorBenchmark extends NatLoadBenchmark {

    NatFloor floor;

    @Setup(Level.Trial)
    public void setUp() {
        floor = new NatFloor(addresses, fill);
    }

    @Benchmark
    public long churn() {
        return floor.step();
    }
}
