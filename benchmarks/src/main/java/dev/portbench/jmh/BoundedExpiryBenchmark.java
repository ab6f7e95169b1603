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
 * distribution of single calls (sample time: median, max) and their mean, for every allocator
 * and for {@code ring} with an expiry quota ({@value #RING_QUOTA_ID}: at most
 * {@value #QUOTA} ports freed per call).
 *
 * <p>One call is one cycle: {@code expire(now)}, {@code allocate(now)} and {@code release(port,
 * now)}. Time stands still for {@code ports} cycles (every port is taken and released at one
 * instant), then jumps by one TIME-WAIT, so the next cycle's {@code expire} finds every port of
 * the range due at once: an unbounded allocator frees them all in that one call, a bounded one
 * {@value #QUOTA} per call (the rest over the next calls, or on demand). The worst call is the
 * sample's max; its ratio to the median is the target of bounded bulk expiry.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class BoundedExpiryBenchmark {

    /** The bounded variant's id here: {@code ring} built with {@link #QUOTA} as its expiry quota. */
    public static final String RING_QUOTA_ID = "ring-quota-64";
    /** Ports freed per call at most by {@link #RING_QUOTA_ID}. */
    public static final int QUOTA = 64;

    @Param({"ring-quota-64", "bitset", "timing-wheel", "heap", "4-ary-heap", "fifo", "ring", "indexed-set",
            "eclipse-collections", "jdk-collections", "agrona-timer-wheel"})
    String allocator;

    /** Ports due at once: the range of workload {@code scale-<ports>}. */
    @Param({"3976", "64512"})
    int ports;

    PortAllocator subject;
    long now;
    long timeWaitPlusLateness;
    int cyclesAtThisInstant;

    @Setup(Level.Trial)
    public void setUp() {
        subject = create(allocator, ports);
        timeWaitPlusLateness = subject.timeWaitNanos() + Math.min(subject.maxLatenessNanos(), subject.timeWaitNanos());
        now = ReplayStates.START_TIME;
    }

    static PortAllocator create(String id, int ports) {
        AllocatorConfig config = Workloads.byId("scale-" + ports).allocatorConfig();
        if (RING_QUOTA_ID.equals(id)) {
            return AllocatorType.RING.create(config.toBuilder().expiryQuota(QUOTA).build());
        }
        return AllocatorCatalog.fromId(id).create(config);
    }

    /** One cycle; answers the port taken (NO_PORT would be a failure: the test checks there is none). */
    @Benchmark
    public int cycle() {
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
