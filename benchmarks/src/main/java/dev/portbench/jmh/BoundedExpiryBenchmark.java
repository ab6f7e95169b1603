package dev.portbench.jmh;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.AllocatorType;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.workload.Workloads;
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
 * A client that calls {@code expire} every cycle while whole ranges fall due at once: the
 * distribution of single calls (sample time: median, max) and their mean, for every allocator of
 * the registry ({@link #cycle}, {@code @Param AllocatorCatalog allocator}) and for {@code ring}
 * with an expiry quota ({@link #ringQuota64}: at most {@value #QUOTA} ports freed per call).
 * The quota variant is a benchmark method of its own, not a pseudo-allocator in the parameter
 * list, so that the allocator parameter stays the registry's enum.
 *
 * <p>One call is one cycle: {@code expire(now)}, {@code allocate(now)} and {@code release(port,
 * now)}. Time stands still for {@code ports} cycles (every port is taken and released at one
 * instant), then jumps by one TIME-WAIT, so the next cycle's {@code expire} finds every port of
 * the range due at once: an unbounded allocator frees them all in that one call, a bounded one
 * {@value #QUOTA} per call (the rest over the next calls, or on demand). The worst call is the
 * sample's max; its ratio to the median is the target of bounded bulk expiry.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class BoundedExpiryBenchmark {

    /** Ports freed per call at most by {@link #ringQuota64}. */
    public static final int QUOTA = 64;

    /** The cycle and its clock, over the range of workload {@code scale-<ports>}; subclasses choose the allocator. */
    @State(Scope.Thread)
    public abstract static class Cycles {

        /** Ports due at once: the range of workload {@code scale-<ports>}. */
        @Param({"3976", "64512"})
        int ports;

        PortAllocator subject;
        long now;
        long timeWaitPlusLateness;
        int cyclesAtThisInstant;

        @Setup(Level.Trial)
        public void setUp() {
            subject = create(Workloads.byId("scale-" + ports).allocatorConfig());
            timeWaitPlusLateness = subject.timeWaitNanos() + Math.min(subject.maxLatenessNanos(), subject.timeWaitNanos());
            now = ReplayStates.START_TIME;
        }

        /** The allocator measured, over {@code config}'s range. */
        abstract PortAllocator create(AllocatorConfig config);

        /** One cycle; answers the port taken (NO_PORT would be a failure: the test checks there is none). */
        int cycle() {
            if (cyclesAtThisInstant == ports) {
                cyclesAtThisInstant = 0;
                now += timeWaitPlusLateness;
            }
            cyclesAtThisInstant++;
            PortAllocator a = subject;
            long t = now;
            a.expire(t);
            int port = a.allocate(t);
            if (port != PortAllocator.NO_PORT) {
                a.release(port, t);
            }
            return port;
        }
    }

    /** Every allocator of the registry, as configured for the workload. */
    @State(Scope.Thread)
    public static class Registered extends Cycles {

        /** Every allocator of the registry by default; JMH takes constant names ({@code -p allocator=FIFO,RING}). */
        @Param
        AllocatorCatalog allocator;

        @Override
        PortAllocator create(AllocatorConfig config) {
            return allocator.create(config);
        }
    }

    /** {@code ring} built with {@link #QUOTA} as its expiry quota. */
    @State(Scope.Thread)
    public static class RingWithQuota extends Cycles {

        @Override
        PortAllocator create(AllocatorConfig config) {
            return AllocatorType.RING.create(config.toBuilder().expiryQuota(QUOTA).build());
        }
    }

    /** One cycle on a registered allocator. */
    @Benchmark
    public int cycle(Registered state) {
        return state.cycle();
    }

    /** One cycle on {@code ring} with an expiry quota of {@value #QUOTA}. */
    @Benchmark
    public int ringQuota64(RingWithQuota state) {
        return state.cycle();
    }
}
