package dev.portbench.jmh.nat;

import dev.portbench.nat.NatCatalog;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The cost of one NAT event in the steady state ({@link NatChurn}): the oldest open flow closes
 * (with a FIN, an RST or at once) and a new flow maps, while closing mappings reach their
 * deadlines inside those calls, at 1, 4 and 16 external addresses (64,512, 258,048 and 1,032,192
 * pairs) and 50, 90 and 99% of the pairs in use. Compare with {@link NatFloorBenchmark} on the
 * same parameters. Run a subset with {@code -p nat=EXACT -p addresses=16 -p fill=0.99}.
 */
public class NatChurnBenchmark extends NatLoadBenchmark {

    /**
     * Every NAT allocator of the registry by default (constant names); not named {@code allocator}, so
     * that {@code -p allocator=...} for the port allocators leaves it alone.
     */
    @Param
    NatCatalog nat;

    NatChurn churn;

    @Setup(Level.Trial)
    public void setUp() {
        churn = new NatChurn(nat, addresses, fill);
    }

    @Benchmark
    public long churn() {
        return churn.step();
    }
}
