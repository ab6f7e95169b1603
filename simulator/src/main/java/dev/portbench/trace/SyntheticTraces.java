package dev.portbench.trace;

import dev.portbench.workload.Trace;
import dev.portbench.workload.TraceGenerator;
import dev.portbench.workload.Workload;

import java.util.Arrays;

/**
 * Exports a synthetic workload's generated trace (one lap of {@link TraceGenerator}) as a
 * {@link ConnectionTrace}, so that it can be written as CSV and replayed like recorded traffic:
 * the round trip that checks the import and the recorded-trace simulator against the synthetic
 * numbers. Every connection goes to {@code synthetic:0} and ends as a client close (the
 * workloads' early ends of TIME-WAIT are not part of the connection form and are refused).
 */
public final class SyntheticTraces {

    /** The one destination of an exported synthetic trace. */
    public static final String DESTINATION = "synthetic:0";

    private SyntheticTraces() {
    }

    /**
     * One lap of {@code workload}, un-wrapped: a close that the periodic lap wrapped to its start
     * is put back after its open.
     *
     * @throws IllegalArgumentException for a workload with early TIME-WAIT ends
     */
    public static ConnectionTrace of(Workload workload) {
        if (workload.reclaimShare() > 0) {
            throw new IllegalArgumentException("workload " + workload.id() + ": reclaim share " + workload.reclaimShare()
                    + " (expected 0: early ends of TIME-WAIT have no place in the connection form)");
        }
        Trace t = TraceGenerator.generate(workload);
        long[] open = new long[t.connections()];
        long[] close = new long[t.connections()];
        Arrays.fill(open, -1);
        for (int i = 0; i < t.size(); i++) {
            int c = Trace.connection(t.op(i));
            if (Trace.kind(t.op(i)) == Trace.OPEN) {
                open[c] = t.time(i);
            } else if (Trace.kind(t.op(i)) == Trace.CLOSE) {
                close[c] = t.time(i);
            }
        }
        ConnectionTraceBuilder b = new ConnectionTraceBuilder();
        for (int c = 0; c < open.length; c++) {
            long cl = close[c] < open[c] ? close[c] + t.lapNanos() : close[c];
            b.add(open[c], cl, DESTINATION, ConnectionTrace.NO_PORT, ConnectionEnd.CLIENT_CLOSE);
        }
        return b.build(workload.id(), new ImportStats("synthetic", open.length, open.length, 0, 0, 0, 0));
    }
}
