package dev.portbench.jmh;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.trace.ReplayFile;
import dev.portbench.workload.Trace;
import dev.portbench.workload.TraceGenerator;
import dev.portbench.workload.TraceReplayer;
import dev.portbench.workload.Workload;
import dev.portbench.workload.Workloads;

/**
 * How every benchmark builds what it measures: the named workload's trace (generated once, up
 * front), a fresh allocator from the shared registry, and a replayer warmed through one whole lap
 * so that measurement starts in the steady state (the pool filled, TIME-WAITs expiring).
 */
final class ReplayStates {

    /**
     * The allocator clock at the start of the replay. Like System.nanoTime, any origin is allowed;
     * this one starts 1000 s below zero, so every replay crosses from negative to positive times.
     */
    static final long START_TIME = -1_000_000_000_000L;

    private ReplayStates() {
    }

    static Trace trace(String workloadId) {
        return trace(workloadId, "");
    }

    /**
     * The trace of {@code workloadId}: generated for a named workload, or read from
     * {@code traceFile} (a {@link ReplayFile}) for an imported one, {@code trace:NAME}.
     */
    static Trace trace(String workloadId, String traceFile) {
        if (!workloadId.startsWith("trace:")) {
            return TraceGenerator.generate(Workloads.byId(workloadId));
        }
        if (traceFile.isEmpty()) {
            throw new IllegalArgumentException("workload " + workloadId + ": no traceFile parameter (expected -p traceFile=PATH "
                    + "to the trace-replay.json.gz that ./portbench run --trace writes)");
        }
        Trace t = ReplayFile.read(java.nio.file.Path.of(traceFile)).trace();
        if (!t.workload().id().equals(workloadId)) {
            throw new IllegalArgumentException(traceFile + ": holds workload " + t.workload().id() + " (expected " + workloadId + ")");
        }
        return t;
    }

    /** A replayer of {@code workloadId} on a new {@code allocator}, after one lap of warm-up. */
    static TraceReplayer warmedReplayer(AllocatorCatalog allocator, String workloadId) {
        return warmedReplayer(allocator, workloadId, "");
    }

    /** As {@link #warmedReplayer(AllocatorCatalog, String)}, for an imported trace read from {@code traceFile}. */
    static TraceReplayer warmedReplayer(AllocatorCatalog type, String workloadId, String traceFile) {
        Trace trace = trace(workloadId, traceFile);
        Workload w = trace.workload();
        PortAllocator allocator = type.create(w.allocatorConfig());
        TraceReplayer replayer = new TraceReplayer(trace, allocator, START_TIME);
        replayer.run(trace.size());
        return replayer;
    }

    /** The floor's replayer of {@code workloadId} (read from {@code traceFile} if imported), after one lap of warm-up. */
    static TraceReplayer warmedFloor(String workloadId, String traceFile) {
        Trace trace = trace(workloadId, traceFile);
        TraceReplayer floor = TraceReplayer.floor(trace, START_TIME);
        floor.run(trace.size());
        return floor;
    }

    /**
     * Checks, after a trial, that nothing was lost: the counts sum to the range, every open
     * connection holds exactly one in-use port, and the run did real work.
     *
     * @throws IllegalStateException naming what went wrong
     */
    static void check(TraceReplayer replayer) {
        PortAllocator a = replayer.allocator();
        long sum = (long) a.inUseCount() + a.timeWaitCount() + a.freeCount();
        if (sum != a.rangeSize()) {
            throw new IllegalStateException(a.name() + ": in use + TIME-WAIT + free = " + sum
                    + " (expected the range size " + a.rangeSize() + ")");
        }
        if (a.inUseCount() != replayer.openConnections()) {
            throw new IllegalStateException(a.name() + ": " + a.inUseCount() + " ports in use (expected "
                    + replayer.openConnections() + ", one per open connection)");
        }
        checkOpened(replayer, a.name());
    }

    /**
     * Checks that the replay of {@code what} opened at least one connection (a benchmark that did
     * no work would publish the cost of nothing).
     *
     * @throws IllegalStateException naming {@code what} if it opened none
     */
    static void checkOpened(TraceReplayer replayer, String what) {
        if (replayer.opens() == 0) {
            throw new IllegalStateException(what + ": the replay opened no connection");
        }
    }
}
