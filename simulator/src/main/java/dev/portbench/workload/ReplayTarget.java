package dev.portbench.workload;

/**
 * What a {@link TraceReplayer} drives: the three things a trace's events do to a port. The one
 * replayer walks the trace (times, laps, which port each connection holds, the counts); a target
 * says what an open, a close and a reclaim mean: a {@code PortAllocator}, a destination-aware
 * {@code ConnectionPortAllocator}, the inlined {@link ReplayFloor}, or nothing at all
 * ({@link TraceReplayer#walkOnly}, the harness baseline).
 *
 * <p>A replayer calls one target from one call site, so in a benchmark fork that replays one kind
 * the call is monomorphic and the JIT inlines it: the walk costs the same whatever the target.
 * Implementations must not allocate.
 */
public interface ReplayTarget {

    /** Opens {@code connection} at {@code now}; answers its port, or {@code NO_PORT} (-1) if none was free. */
    int open(long now, int connection);

    /** Closes {@code connection}, which holds {@code port}, at {@code now}: the port enters TIME-WAIT. */
    void close(int port, int connection, long now);

    /** Ends {@code connection}'s TIME-WAIT on {@code port} early at {@code now}; answers whether it was still in TIME-WAIT. */
    boolean reclaim(int port, int connection, long now);
}
