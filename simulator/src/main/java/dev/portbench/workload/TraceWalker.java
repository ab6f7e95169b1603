package dev.portbench.workload;

/**
 * Walks a {@link Trace} exactly as {@link TraceReplayer} does (the same array reads, the same
 * time arithmetic, the same per-connection lookup) but calls no allocator: the harness baseline
 * that tells how much of a replayed event's cost is the replay itself.
 *
 * <p>Allocation-free; not thread-safe.
 */
public final class TraceWalker {

    private final long[] times;
    private final int[] ops;
    private final int[] portOf;
    private final long lapNanos;
    private final long startTime;
    private int index;
    private long lapStart;

    public TraceWalker(Trace trace, long startTime) {
        this.times = trace.timesArray();
        this.ops = trace.opsArray();
        this.portOf = new int[trace.connections()];
        this.lapNanos = trace.lapNanos();
        this.startTime = startTime;
    }

    /** Visits the next event; answers a value derived from it, to be consumed. */
    public int step() {
        int i = index;
        long now = startTime + lapStart + times[i];
        int op = ops[i];
        if (++index == times.length) {
            index = 0;
            lapStart += lapNanos;
        }
        return portOf[op >>> 2] ^ (int) now ^ op;
    }
}
