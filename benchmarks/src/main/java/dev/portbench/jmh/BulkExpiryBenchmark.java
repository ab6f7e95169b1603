package dev.portbench.jmh;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.allocator.PortAllocator;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The single call that frees {@code ports} ports whose TIME-WAITs end at the same instant: the
 * worst call a client meets after a burst of closes (every port of Windows 95's range, 3976, or
 * of the whole non-privileged range, 64512), timed directly rather than inferred from a tail
 * percentile. One JMH single-shot iteration is one such call.
 *
 * <p>Each iteration, untimed: take every port of the range, release them all at one instant
 * {@code t}, and call {@code expire(t + TIME-WAIT - 1 ns)}, which frees nothing (no port is ever
 * freed early) but brings a wheel's cursor up to the deadline's tick. Timed: {@code expire(t +
 * TIME-WAIT + maxLateness)}, the first call at which every port is certainly due; it must free
 * all of them (checked after each iteration). The next iteration starts where this one ended, so
 * time only moves forward and the structures are reused as in a long-lived client.
 *
 * <p>Microseconds per call; single-shot, so the JIT state is what many iterations and forks make
 * of it: read the median over forks and the spread, not one number. The annotations give the
 * plain-JMH defaults; {@code ./portbench run} sets forks and iterations per profile.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 20)
@Measurement(iterations = 30)
@Fork(5)
public class BulkExpiryBenchmark {

    @Param({"bitset", "timing-wheel", "heap", "4-ary-heap", "fifo", "ring", "indexed-set", "locked-fifo", "sharded-fifo", "cas-bitset",
            "eclipse-collections", "jdk-collections", "agrona-timer-wheel"})
    String allocator;

    /** Ports due at once: the range of workload {@code scale-<ports>} (3976: 1025-5000, 64512: 1024-65535). */
    @Param({"3976", "64512"})
    int ports;

    PortAllocator subject;
    /** Allocator time at which the next iteration releases every port. */
    long now;
    /** The time of the timed call: every port released at {@link #now} is due by then. */
    long dueBy;
    /** What the last timed call freed. */
    int freed;
    /** Timed calls made, for the unit test. */
    long calls;

    @Setup(Level.Trial)
    public void setUp() {
        subject = AllocatorCatalog.fromId(allocator).create(Workloads.byId("scale-" + ports).allocatorConfig());
        if (subject.rangeSize() != ports) {
            throw new IllegalStateException("scale-" + ports + " has " + subject.rangeSize() + " ports (expected " + ports + ")");
        }
        now = ReplayStates.START_TIME;
    }

    /** Every port in use, then released at one instant; the allocator brought up to just before their deadline. */
    @Setup(Level.Iteration)
    public void releaseEveryPortAtOnce() {
        PortAllocator a = subject;
        for (int i = 0; i < ports; i++) {
            if (a.allocate(now) == PortAllocator.NO_PORT) {
                throw new IllegalStateException(a.name() + ": no free port after " + i + " of " + ports);
            }
        }
        for (int port = a.firstPort(); port <= a.lastPort(); port++) {
            a.release(port, now);
        }
        long deadline = now + a.timeWaitNanos();
        if (a.expire(deadline - 1) != 0) {
            throw new IllegalStateException(a.name() + ": freed a port before its TIME-WAIT ended");
        }
        dueBy = deadline + a.maxLatenessNanos();
        freed = -1;
    }

    /** Frees every port: the call being timed. */
    @Benchmark
    public int expireAll() {
        calls++;
        freed = subject.expire(dueBy);
        return freed;
    }

    /**
     * Checks that the timed call freed every port and nothing else is left, and moves the clock on.
     *
     * @throws IllegalStateException naming the counts if not
     */
    @TearDown(Level.Iteration)
    public void checkEveryPortFreed() {
        PortAllocator a = subject;
        if (freed != ports || a.freeCount() != ports || a.timeWaitCount() != 0) {
            throw new IllegalStateException(a.name() + ": the timed expire freed " + freed + " ports, "
                    + a.freeCount() + " free and " + a.timeWaitCount() + " in TIME-WAIT after it (expected "
                    + ports + ", " + ports + " and 0)");
        }
        now = dueBy;
    }
}
