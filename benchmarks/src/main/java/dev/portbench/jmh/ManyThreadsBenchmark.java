package dev.portbench.jmh;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.ShardedAllocator;
import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.workload.ClockPacer;
import dev.portbench.workload.Trace;
import dev.portbench.workload.TraceReplayer;
import dev.portbench.workload.Workload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

import java.util.concurrent.TimeUnit;

/**
 * Many threads, one port range: the replay workloads run by JMH's thread count (set it with
 * {@code -t N}, or {@code ./portbench threads --threads 1,2,4}), throughput in events per
 * microsecond summed over the threads.
 *
 * <ul>
 *   <li>A <b>thread-safe</b> allocator is shared: one allocator over the workload's range, and
 *       thread {@code k} of {@code N} replays {@link Trace#slice slice k} of the trace (every
 *       N-th connection), so together they offer exactly the workload's load. A sharded one has
 *       one shard per thread (N rounded up to a power of two) and thread {@code k} calls it
 *       through {@link ShardedAllocator#worker worker view k}, as an event loop per core would.</li>
 *   <li>A <b>single-owner</b> allocator is the confined ideal: thread {@code k} owns its own
 *       allocator over the k-th N-th of the range and replays the same workload scaled to it
 *       (same load per port), sharing nothing: what perfect partitioning would deliver, at the
 *       price of failing when its own part is empty.</li>
 * </ul>
 *
 * <p>Time: each thread replays its slice on its own virtual clock, and the shared allocator is
 * built with an unlimited clock-skew tolerance, so a call behind acts at the allocator's latest
 * time (never early). Where the threads' calls meet in one structure (a lock around one allocator,
 * one bitset), a thread far ahead would make a stalled thread's events pile up at its time and
 * change the workload, so a {@link ClockPacer} keeps such threads within
 * {@link ClockPacer#driftFor(Trace, int) a 64th of a TIME-WAIT, and at least four pacing checks,}
 * of each other (a thread too far ahead waits, boundedly, for the slowest). A sharded allocator
 * with a shard per thread is <b>not paced</b>: each thread calls only its own shard through its
 * worker view (allocations from its home shard, releases of the ports it got there), so every
 * shard sees one thread's clock and the workload of each shard is its slice's whatever the other
 * threads' clocks; pacing it would only hold the faster thread to the slower one (measured: the
 * waits cut sharded-ring's 2-thread throughput by a fifth on q170791-rho0.99), which the confined
 * ideal, sharing nothing, is not held to either. One thread is never paced (there is nobody to
 * wait for, and a paced replay loop measured 9-20% slower at one thread). A borrow would let clocks meet in a shard: the
 * trial counts borrows and {@link #check} says so when there were any. The offered load stays the
 * workload's. The self-check at the end of a trial counts every port: in use, TIME-WAIT and free
 * sum to the range, and the ports in use are exactly the connections the threads hold open.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ManyThreadsBenchmark {

    /** The allocator (or allocators, confined) and the workload, shared by the threads of one trial. */
    @State(Scope.Benchmark)
    public static class Range {

        /**
         * Any constant of the registry works (thread-safe ones shared, the rest confined); the
         * default is what {@code ./portbench threads} measures by default
         * ({@code ManyThreadsRun.defaultAllocators()}): the best thread-safe allocators of each
         * design, the lock baseline, and {@code RING} (the best single-owner one) confined. The
         * names are checked against the enum when JMH generates the benchmark.
         */
        @Param({"LOCKED_RING", "SHARDED_RING", "CAS_BITSET", "LOCKED_FIFO", "RING"})
        AllocatorCatalog allocator;

        @Param({"q170791-rho0.99", "scale-28232"})
        String workload;

        Trace trace;
        boolean shared;
        /** The threads' pacer: null unless more than one thread shares an allocator that is not sharded a shard per thread. */
        ClockPacer pacer;
        PortAllocator sharedAllocator;
        TraceReplayer[] replayers;

        @Setup(Level.Trial)
        public void setUp(BenchmarkParams params) {
            setUp(params.getThreads());
        }

        void setUp(int threads) {
            trace = ReplayStates.trace(workload);
            shared = allocator.isThreadSafe();
            if (shared) {
                sharedAllocator = allocator.create(sharedConfig(trace.workload(), threads));
            }
            boolean paced = shared && threads > 1
                    && !(sharedAllocator instanceof ShardedAllocator s && s.shardCount() >= threads);
            replayers = new TraceReplayer[threads];
            pacer = paced ? new ClockPacer(threads, ClockPacer.driftFor(trace, threads)) : null;
        }

        /**
         * The workload's configuration for {@code threads} threads: tolerating any skew between the
         * threads' virtual clocks, and with one shard per thread ({@link #shardsFor}) for a
         * sharded allocator, as a user sets one per event loop.
         */
        static AllocatorConfig sharedConfig(Workload w, int threads) {
            AllocatorConfig c = w.allocatorConfig();
            return c.toBuilder()
                    .clockSkewToleranceNanos(AllocatorConfig.MAX_CLOCK_SKEW_TOLERANCE_NANOS)
                    .shards(shardsFor(threads, c.rangeSize())).build();
        }

        /** One shard per thread: {@code threads} rounded up to a power of two, within the range size and the maximum. */
        public static int shardsFor(int threads, int rangeSize) {
            int wanted = Integer.highestOneBit(Math.max(1, 2 * threads - 1));
            return Math.min(Math.min(wanted, AllocatorConfig.MAX_SHARDS), Integer.highestOneBit(rangeSize));
        }

        /** Whether the threads are paced (see {@link #pacer}). */
        boolean paced() {
            return pacer != null;
        }

        /** Thread {@code index}'s replayer: its slice on the shared allocator, or its own part of the range. */
        TraceReplayer replayerFor(int index) {
            int threads = replayers.length;
            TraceReplayer r;
            if (shared) {
                // an event loop keeps its worker view of a sharded allocator: homed on its own shard
                PortAllocator view = sharedAllocator instanceof ShardedAllocator s ? s.worker(index) : sharedAllocator;
                r = new TraceReplayer(trace.slice(index, threads), view, ReplayStates.START_TIME);
            } else {
                Workload w = trace.workload();
                int first = w.firstPort() + (int) ((long) index * w.ports() / threads);
                int last = w.firstPort() + (int) ((long) (index + 1) * w.ports() / threads) - 1;
                Workload part = w.withRange(first, last).withSeed(w.seed() + index);
                Trace own = dev.portbench.workload.TraceGenerator.generate(part);
                r = new TraceReplayer(own, allocator.create(part.allocatorConfig()),
                        ReplayStates.START_TIME);
            }
            replayers[index] = r;
            return r;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            check(this);
        }
    }

    /** One thread's replayer, warmed through one lap of its slice. */
    @State(Scope.Thread)
    public static class Slice {
        TraceReplayer replayer;
        ClockPacer pacer;
        int index;
        int untilPace;

        @Setup(Level.Trial)
        public void setUp(Range range, ThreadParams thread) {
            setUp(range, thread.getThreadIndex());
        }

        void setUp(Range range, int threadIndex) {
            index = threadIndex;
            replayer = range.replayerFor(threadIndex);
            // Paced (calls meet in one structure): the threads' clocks are kept close to each other.
            // A shard per thread, or confined: each thread's calls meet no other thread's clock.
            pacer = range.pacer;
            for (int i = replayer.lapEvents(); i > 0; i--) {
                step();
            }
        }

        /** The next event, after checking the pace every {@link ClockPacer#CHECK_EVERY} events. */
        int step() {
            if (pacer != null && --untilPace <= 0) {
                untilPace = ClockPacer.CHECK_EVERY;
                pacer.pace(index, replayer.nextTime());
            }
            return replayer.step();
        }

        /** Between iterations a thread may finish first: the others must not wait for it. */
        @TearDown(Level.Iteration)
        public void leave() {
            if (pacer != null) {
                pacer.leave(index);
            }
        }
    }

    /** Replays one event of this thread's slice; the port it concerned is returned so that JMH consumes it. */
    @Benchmark
    public int replay(Slice slice) {
        return slice.step();
    }

    /**
     * After a trial: nothing lost, nothing handed out twice. For a shared allocator, the counts sum
     * to the range and the ports in use are the open connections of all threads together; for
     * confined ones, each allocator against its own thread.
     *
     * @throws IllegalStateException naming what went wrong
     */
    static void check(Range range) {
        if (range.shared) {
            PortAllocator a = range.sharedAllocator;
            long open = 0;
            long opens = 0;
            for (TraceReplayer r : range.replayers) {
                if (r != null) {
                    open += r.openConnections();
                    opens += r.opens();
                }
            }
            long sum = (long) a.inUseCount() + a.timeWaitCount() + a.freeCount();
            if (sum != a.rangeSize()) {
                throw new IllegalStateException(a.name() + ": in use + TIME-WAIT + free = " + sum
                        + " (expected the range size " + a.rangeSize() + ")");
            }
            if (a.inUseCount() != open) {
                throw new IllegalStateException(a.name() + ": " + a.inUseCount() + " ports in use (expected " + open
                        + ", one per open connection of all threads)");
            }
            if (opens == 0) {
                throw new IllegalStateException(a.name() + ": the replay opened no connection");
            }
            long borrows = range.paced() || !(a instanceof ShardedAllocator s) ? 0 : s.borrows();
            if (borrows > 0) {
                // unpaced, a borrow let one thread's clock into another's shard: say so in the fork's output
                System.out.println("# portbench: " + a.name() + " borrowed " + borrows + " times in this unpaced "
                        + "trial: a thread's clock met another's shard, so its workload was not exactly the slices'");
            }
        } else {
            for (TraceReplayer r : range.replayers) {
                if (r != null) {
                    ReplayStates.check(r);
                }
            }
        }
    }
}
