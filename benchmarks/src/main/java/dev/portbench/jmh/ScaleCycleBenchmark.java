package dev.portbench.jmh;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.AllocatorType;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.structure.Structures;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One connection cycle (allocate, then release at the same instant) at load 0.99 on
 * {@code ring} over 3976, 64512 and 1,048,576 ports: how the smallest exact allocator's cost
 * grows with the range. 1,048,576 ports are 256 addresses' ranges of 4096 ports (1025-5120) side
 * by side, as a NAT with 256 public addresses would hold them ({@link Structures#ringSideBySide}):
 * the one way past the 65535-port check, for measurements only. A cycle every
 * {@code TIME-WAIT / (0.99 x ports)} ns, so 1% of the ports are free in the steady state and every
 * TIME-WAIT ends while the client runs; the first lap (one TIME-WAIT) is run in set-up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ScaleCycleBenchmark {

    /** 3976 = 1025-5000, 64512 = 1024-65535, 1048576 = 256 x 1025-5120. */
    @Param({"3976", "64512", "1048576"})
    int ports;

    PortAllocator subject;
    long now;
    long step;

    @Setup(Level.Trial)
    public void setUp() {
        subject = ring(ports);
        long timeWait = subject.timeWaitNanos();
        step = Math.max(1, (long) (timeWait / (0.99 * ports)));
        now = ReplayStates.START_TIME;
        long warm = (long) (1.2 * ports);
        for (long i = 0; i < warm; i++) {
            cycle();
        }
    }

    /** The ring allocator over {@code ports} ports, as the class javadoc lists them. */
    static PortAllocator ring(int ports) {
        AllocatorConfig.Builder b = AllocatorConfig.builder();
        switch (ports) {
            case 3976:
                return AllocatorType.RING.create(b.portRange(1025, 5000).build());
            case 64512:
                return AllocatorType.RING.create(b.portRange(1024, 65535).build());
            case 1 << 20:
                return Structures.ringSideBySide(AllocatorType.RING.id(), b.portRange(1025, 5120).build(), 256);
            default:
                throw new IllegalArgumentException("ports: " + ports + " (expected: 3976, 64512 or 1048576)");
        }
    }

    /** One cycle: the next connection opens and closes. Answers the port, or NO_PORT. */
    @Benchmark
    public int cycle() {
        now += step;
        long t = now;
        int port = subject.allocate(t);
        if (port != PortAllocator.NO_PORT) {
            subject.release(port, t);
        }
        return port;
    }
}
