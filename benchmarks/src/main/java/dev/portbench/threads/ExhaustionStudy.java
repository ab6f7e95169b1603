package dev.portbench.threads;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.ShardedAllocator;
import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.workload.Trace;
import dev.portbench.workload.TraceGenerator;
import dev.portbench.workload.TraceReplayer;
import dev.portbench.workload.Workload;
import dev.portbench.workload.Workloads;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts what sharing a range between threads costs in failed connects. For each workload and
 * thread count N, N real threads replay the workload's slices together, as the many-threads
 * benchmark does (a thread-safe allocator shared; a single-owner one confined, each thread with
 * its own N-th of the range), for a few laps; the reference is the whole trace replayed by one
 * thread on {@code fifo} (exact). Failures beyond the reference's rate are false exhaustion: a
 * design that fails while the range, taken as a whole, had a free port. A sharded allocator
 * also reports its borrows: the allocations a design without borrowing would have failed.
 *
 * <p>Threads drift apart in virtual time; the shared allocator acts at its latest time for a
 * thread that falls behind (unlimited tolerance), which shortens that thread's holding times a
 * little, so small differences from the reference in either direction are noise of the method.
 */
public final class ExhaustionStudy {

    /** Laps of its slice each thread replays. */
    static final int LAPS = 3;
    private static final long START = -1_000_000_000_000L;

    private ExhaustionStudy() {
    }

    public static List<ManyThreadsData.Exhaustion> run(List<String> allocators, List<String> workloads,
                                                       List<Integer> threadCounts) {
        List<ManyThreadsData.Exhaustion> rows = new ArrayList<>();
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

    private static ManyThreadsData.Exhaustion measure(String id, Trace trace, int threads, TraceReplayer reference) {
        AllocatorCatalog type = AllocatorCatalog.fromId(id);
        Workload w = trace.workload();
        TraceReplayer[] replayers = new TraceReplayer[threads];
        PortAllocator shared = null;
        if (type.isThreadSafe()) {
            shared = type.create(w.allocatorConfig().toBuilder()
                    .clockSkewToleranceNanos(AllocatorConfig.MAX_CLOCK_SKEW_TOLERANCE_NANOS).build());
            for (int k = 0; k < threads; k++) {
                replayers[k] = new TraceReplayer(trace.slice(k, threads), shared, START);
            }
        } else {
            for (int k = 0; k < threads; k++) {
                int first = w.firstPort() + (int) ((long) k * w.ports() / threads);
                int last = w.firstPort() + (int) ((long) (k + 1) * w.ports() / threads) - 1;
                Workload part = w.withRange(first, last).withSeed(w.seed() + k);
                replayers[k] = new TraceReplayer(TraceGenerator.generate(part), type.create(part.allocatorConfig()), START);
            }
        }
        Thread[] workers = new Thread[threads];
        for (int k = 0; k < threads; k++) {
            TraceReplayer r = replayers[k];
            workers[k] = new Thread(() -> r.run((long) LAPS * r.lapEvents()), "exhaustion-" + k);
            workers[k].start();
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        long opens = 0;
        long failures = 0;
        for (TraceReplayer r : replayers) {
            opens += r.opens();
            failures += r.failures();
        }
        long borrows = shared instanceof ShardedAllocator s ? s.borrows() : -1;
        return new ManyThreadsData.Exhaustion(id, type.isThreadSafe(), w.id(), threads, opens, failures,
                reference.opens(), reference.failures(), borrows);
    }
}
