package dev.portbench.workload;

import dev.portbench.allocator.ConnectionPortAllocator;

import java.util.Arrays;

/**
 * Replays a {@link Trace} against a destination-aware {@link ConnectionPortAllocator}, as
 * {@link TraceReplayer} does for a single pool: connection {@code c} connects to
 * {@code destinationKeys[c]}, closes into TIME-WAIT, and may be reclaimed. A failed connect is
 * not retried. {@link #step()} reads three array slots and calls the allocator once: no
 * allocation, no random numbers. Not thread-safe.
 */
public final class ConnectionTraceReplayer {

    private final ConnectionPortAllocator allocator;
    private final long[] times;
    private final int[] ops;
    private final long[] destinationKeys;
    private final long lapNanos;
    private final long startTime;
    private final int[] portOf;

    private int index;
    private long lapStart;
    private long opens;
    private long failures;
    private long closes;

    /**
     * @throws IllegalArgumentException if the allocator's range is not the workload's, or there is
     *     not one destination key per connection
     */
    public ConnectionTraceReplayer(Trace trace, long[] destinationKeys, ConnectionPortAllocator allocator, long startTime) {
        Workload w = trace.workload();
        if (allocator.firstPort() != w.firstPort() || allocator.lastPort() != w.lastPort()) {
            throw new IllegalArgumentException("allocator range " + allocator.firstPort() + "-" + allocator.lastPort()
                    + " (expected: the workload's " + w.firstPort() + "-" + w.lastPort() + ")");
        }
        if (destinationKeys.length != trace.connections()) {
            throw new IllegalArgumentException("destinationKeys: " + destinationKeys.length + " (expected: one per connection, "
                    + trace.connections() + ")");
        }
        this.allocator = allocator;
        this.times = trace.timesArray();
        this.ops = trace.opsArray();
        this.destinationKeys = destinationKeys;
        this.lapNanos = trace.lapNanos();
        this.startTime = startTime;
        this.portOf = new int[trace.connections()];
        Arrays.fill(portOf, ConnectionPortAllocator.NO_PORT);
    }

    /** Replays the next event; answers the port it concerned, or NO_PORT. */
    public int step() {
        int i = index;
        long now = startTime + lapStart + times[i];
        int op = ops[i];
        if (++index == times.length) {
            index = 0;
            lapStart += lapNanos;
        }
        int connection = op >>> 2;
        int port = portOf[connection];
        long destination = destinationKeys[connection];
        switch (op & 3) {
            case Trace.OPEN:
                port = allocator.connect(now, destination);
                portOf[connection] = port;
                opens++;
                if (port == ConnectionPortAllocator.NO_PORT) {
                    failures++;
                }
                return port;
            case Trace.CLOSE:
                if (port != ConnectionPortAllocator.NO_PORT) {
                    allocator.release(port, destination, now);
                    closes++;
                }
                return port;
            default:
                if (port != ConnectionPortAllocator.NO_PORT) {
                    portOf[connection] = ConnectionPortAllocator.NO_PORT;
                    allocator.reclaim(port, destination, now);
                }
                return port;
        }
    }

    /** Replays {@code events} events; answers the sum of the ports they returned. */
    public long run(long events) {
        long sum = 0;
        for (long e = 0; e < events; e++) {
            sum += step();
        }
        return sum;
    }

    public ConnectionPortAllocator allocator() {
        return allocator;
    }

    public long opens() {
        return opens;
    }

    public long failures() {
        return failures;
    }

    public long closes() {
        return closes;
    }

    /** Connections open now. */
    public long openConnections() {
        return opens - failures - closes;
    }
}
