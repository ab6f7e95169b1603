package dev.portbench.threads;

import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.PortSelection;
import dev.portbench.allocator.ShardedAllocator;
import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.jmh.ManyThreadsBenchmark;
import dev.portbench.runfolder.ManyThreadsFile;
import dev.portbench.workload.Trace;
import dev.portbench.workload.TraceGenerator;
import dev.portbench.workload.TraceReplayer;
import dev.portbench.workload.Workload;
import dev.portbench.workload.Workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Counts the false exhaustion of each design for N threads: connects that fail while the range,
 * taken as a whole, has a free port. It replays the workload's trace once in time order, each
 * connection {@code c} belonging to thread {@code c mod N} (the slices of the many-threads
 * benchmark), so the count is the design's own and not the scheduler's:
 * <ul>
 *   <li>a sharded allocator has one shard per thread, as in the benchmark, and is called with
 *       one destination key per thread, chosen so that thread k is homed on shard k as the
 *       benchmark's worker view k is;</li>
 *   <li>a single-owner allocator is confined, as in the benchmark: thread k's connections go to
 *       its own allocator over the k-th N-th of the range;</li>
 *   <li>a locked allocator is one allocator whoever calls.</li>
 * </ul>
 * The reference is the same trace on {@code fifo} over the whole range (exact): failures beyond
 * it are false exhaustion. A sharded allocator also reports its borrows: the allocations its home
 * shard could not serve, each a failure in a design without borrowing (per-worker slices, VPP).
 * Deterministic; {@link #LAPS} laps per measure.
 */
public final class ExhaustionStudy {

    /** Laps of the trace replayed. */
    static final int LAPS = 3;
    private static final long START = -1_000_000_000_000L;

    private ExhaustionStudy() {
    }

    public static List<ManyThreadsFile.Exhaustion> run(List<String> allocators, List<String> workloads,
                                                       List<Integer> threadCounts) {
        List<ManyThreadsFile.Exhaustion> rows = new ArrayList<>();
        for (String workload : workloads) {
            Trace trace = TraceGenerator.generate(Workloads.byId(workload));
            TraceReplayer reference = new TraceReplayer(trace, AllocatorCatalog.FIFO.create(trace.workload().allocatorConfig()), START);
            reference.run((long) LAPS * trace.size());
            for (int threads : threadCounts) {
                for (String allocator : allocators) {
                    rows.add(measure(allocator, trace, threads, reference));
                }
            }
        }
        return rows;
    }

    private static ManyThreadsFile.Exhaustion measure(String id, Trace trace, int threads, TraceReplayer reference) {
        AllocatorCatalog type = AllocatorCatalog.fromId(id);
        Workload w = trace.workload();
        // as in the benchmark: a sharded allocator has one shard per thread
        PortAllocator allocator = type.isThreadSafe()
                ? type.create(w.allocatorConfig().toBuilder()
                        .shards(ManyThreadsBenchmark.Range.shardsFor(threads, w.ports())).build())
                : new Confined(type, w, threads);
        long[] keys = threadKeys(allocator, threads);
        TraceReplayer r = new TraceReplayer(trace, allocator, START, keys);
        r.run((long) LAPS * trace.size());
        long borrows = allocator instanceof ShardedAllocator s ? s.borrows() : -1;
        return new ManyThreadsFile.Exhaustion(id, type.isThreadSafe(), w.id(), threads, r.opens(), r.failures(),
                reference.opens(), reference.failures(), borrows);
    }

    /**
     * One destination key per thread (connection c goes to {@code keys[c mod N]}): for a sharded
     * allocator, keys whose home shards are 0, 1, 2, ... as consecutive thread ids get; else 1..N.
     */
    static long[] threadKeys(PortAllocator allocator, int threads) {
        long[] keys = new long[threads];
        if (allocator instanceof ShardedAllocator s) {
            long next = 1;
            for (int k = 0; k < threads; k++) {
                int wanted = k % s.shardCount();
                while (s.homeShardOf(next) != wanted) {
                    next++;
                }
                keys[k] = next++;
            }
        } else {
            for (int k = 0; k < threads; k++) {
                keys[k] = k + 1;
            }
        }
        return keys;
    }

    /**
     * Single-owner allocators confined to threads: the caller passing key {@code k + 1} (thread k)
     * owns the allocator over the k-th N-th of the range. Only what the replay calls.
     */
    private static final class Confined implements PortAllocator {
        private final PortAllocator[] parts;
        private final int[] firstOf;
        private final int first;
        private final int last;
        private final PortAllocator any;

        Confined(AllocatorCatalog type, Workload w, int threads) {
            parts = new PortAllocator[threads];
            firstOf = new int[threads + 1];
            for (int k = 0; k <= threads; k++) {
                firstOf[k] = w.firstPort() + (int) ((long) k * w.ports() / threads);
            }
            for (int k = 0; k < threads; k++) {
                parts[k] = type.create(w.allocatorConfig().toBuilder().portRange(firstOf[k], firstOf[k + 1] - 1).build());
            }
            first = w.firstPort();
            last = w.lastPort();
            any = parts[0];
        }

        private PortAllocator owner(int port) {
            int k = 0;
            while (port >= firstOf[k + 1]) {
                k++;
            }
            return parts[k];
        }

        @Override
        public int allocate(long now, long destination) {
            return parts[(int) (destination - 1)].allocate(now);
        }

        @Override
        public void release(int port, long now) {
            owner(port).release(port, now);
        }

        @Override
        public boolean reclaim(int port, long now) {
            return owner(port).reclaim(port, now);
        }

        @Override
        public int expire(long now) {
            int n = 0;
            for (PortAllocator p : parts) {
                n += p.expire(now);
            }
            return n;
        }

        @Override
        public long nextExpiryTime() {
            throw new UnsupportedOperationException("not used by the replay");
        }

        @Override
        public int inUseCount() {
            return sum(PortAllocator::inUseCount);
        }

        @Override
        public long probes() {
            return 0;
        }

        @Override
        public int timeWaitCount() {
            return sum(PortAllocator::timeWaitCount);
        }

        /** {@code count} summed over the parts; {@code count} is a method reference, so nothing is allocated. */
        private int sum(ToIntFunction<PortAllocator> count) {
            int n = 0;
            for (PortAllocator p : parts) {
                n += count.applyAsInt(p);
            }
            return n;
        }

        @Override
        public int freeCount() {
            return rangeSize() - inUseCount() - timeWaitCount();
        }

        @Override
        public int firstPort() {
            return first;
        }

        @Override
        public int lastPort() {
            return last;
        }

        @Override
        public long timeWaitNanos() {
            return any.timeWaitNanos();
        }

        @Override
        public long maxLatenessNanos() {
            return any.maxLatenessNanos();
        }

        @Override
        public PortSelection selection() {
            return any.selection();
        }

        @Override
        public String name() {
            return any.name() + " x" + parts.length;
        }

        @Override
        public String description() {
            return parts.length + " x " + any.description();
        }
    }
}
