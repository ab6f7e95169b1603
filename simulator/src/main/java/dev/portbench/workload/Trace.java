package dev.portbench.workload;

/**
 * One lap of a workload's connection events, generated up front into primitive arrays so that
 * replaying it does no random-number work and allocates nothing.
 *
 * <p>Event {@code i} happens at {@link #time(int)} nanoseconds into the lap; its {@link #op(int)}
 * packs the connection number and the kind ({@link #OPEN}, {@link #CLOSE}, {@link #RECLAIM}).
 * Events are sorted by time, then by connection, then by kind.
 *
 * <p>A trace is periodic: a close or reclaim that would fall after the lap's end is wrapped to
 * its beginning, so that replaying lap after lap (each shifted by {@link #lapNanos()}) is one
 * continuous stationary process in which every connection opens, closes and maybe is reclaimed
 * once per lap. In the first lap such wrapped events find their connection not yet open and are
 * skipped by {@link TraceReplayer}: the client starts with every port free.
 */
public final class Trace {

    /** A connection opens: allocate a port. */
    public static final int OPEN = 0;
    /** A connection closes: release its port into TIME-WAIT. */
    public static final int CLOSE = 1;
    /** The TIME-WAIT of a closed connection's port ends early: reclaim it. */
    public static final int RECLAIM = 2;

    private final Workload workload;
    private final long[] times;
    private final int[] ops;
    private final int connections;
    private final long lapNanos;

    Trace(Workload workload, long[] times, int[] ops, int connections, long lapNanos) {
        this.workload = workload;
        this.times = times;
        this.ops = ops;
        this.connections = connections;
        this.lapNanos = lapNanos;
    }

    /**
     * A trace of recorded events (an imported connection trace converted to the replay form), checked:
     * times sorted within {@code [0, lapNanos)}, connection numbers below {@code connections}, kinds valid.
     *
     * @param ops {@code connection << 2 | kind}, as {@link #connection(int)} and {@link #kind(int)} read them
     * @throws IllegalArgumentException naming the first bad event
     */
    public static Trace recorded(Workload workload, long[] times, int[] ops, int connections, long lapNanos) {
        if (times.length != ops.length) {
            throw new IllegalArgumentException("times: " + times.length + " events, ops: " + ops.length + " (expected equal)");
        }
        if (connections < 1 || connections > TraceGenerator.MAX_CONNECTIONS) {
            throw new IllegalArgumentException("connections: " + connections + " (expected 1.." + TraceGenerator.MAX_CONNECTIONS + ")");
        }
        for (int i = 0; i < times.length; i++) {
            if (times[i] < 0 || times[i] >= lapNanos || i > 0 && times[i] < times[i - 1]) {
                throw new IllegalArgumentException("event " + i + ": time " + times[i] + " ns (expected sorted, in [0, "
                        + lapNanos + "))");
            }
            if (connection(ops[i]) >= connections || kind(ops[i]) > RECLAIM) {
                throw new IllegalArgumentException("event " + i + ": op " + ops[i] + " (expected a connection below "
                        + connections + " and a kind 0..2)");
            }
        }
        return new Trace(workload, times.clone(), ops.clone(), connections, lapNanos);
    }

    /** The kind of a packed op: {@link #OPEN}, {@link #CLOSE} or {@link #RECLAIM}. */
    public static int kind(int op) {
        return op & 3;
    }

    /** The connection number of a packed op. */
    public static int connection(int op) {
        return op >>> 2;
    }

    static int pack(int connection, int kind) {
        return connection << 2 | kind;
    }

    public Workload workload() {
        return workload;
    }

    /** Events in one lap. */
    public int size() {
        return times.length;
    }

    /** Nanoseconds from the lap's start to event {@code i}. */
    public long time(int i) {
        return times[i];
    }

    /** The packed op of event {@code i}. */
    public int op(int i) {
        return ops[i];
    }

    /** Connections opened per lap; connection numbers are {@code 0..connections()-1}. */
    public int connections() {
        return connections;
    }

    /** The lap's length in nanoseconds. */
    public long lapNanos() {
        return lapNanos;
    }

    /** How many events of {@code kind} one lap holds. */
    public int count(int kind) {
        int n = 0;
        for (int op : ops) {
            if (kind(op) == kind) {
                n++;
            }
        }
        return n;
    }

    /**
     * The events of every {@code count}-th connection, from connection {@code index} on: the share
     * of this trace that one of {@code count} threads replays when they all serve one range (the
     * slices together are this trace). Connection {@code c} becomes {@code c / count} in slice
     * {@code c % count}; times and the lap are unchanged.
     *
     * @throws IllegalArgumentException unless {@code 0 <= index < count}
     */
    public Trace slice(int index, int count) {
        if (count <= 0 || index < 0 || index >= count) {
            throw new IllegalArgumentException("slice: " + index + " of " + count + " (expected: 0 <= index < count)");
        }
        int n = 0;
        for (int op : ops) {
            if (connection(op) % count == index) {
                n++;
            }
        }
        long[] sliceTimes = new long[n];
        int[] sliceOps = new int[n];
        int j = 0;
        for (int i = 0; i < ops.length; i++) {
            int c = connection(ops[i]);
            if (c % count == index) {
                sliceTimes[j] = times[i];
                sliceOps[j++] = pack(c / count, kind(ops[i]));
            }
        }
        int sliceConnections = (connections - index + count - 1) / count;
        return new Trace(workload, sliceTimes, sliceOps, Math.max(sliceConnections, 1), lapNanos);
    }

    long[] timesArray() {
        return times;
    }

    int[] opsArray() {
        return ops;
    }
}
