package dev.portbench.workload;

import dev.portbench.allocator.PortAllocator;

import java.util.Arrays;

/**
 * Replays a {@link Trace} against a {@link PortAllocator}, one event per {@link #step()}, lap after
 * lap, with time continuing across laps. It remembers which port each connection got, so that a
 * connection whose open failed is neither closed nor reclaimed: a failed connect, not retried.
 *
 * <p>{@link #step()} reads two array slots and calls the allocator once: no allocation, no
 * random numbers. It keeps counts of what happened, which the benchmarks' self-checks and the
 * simulation read.
 *
 * <p>Not thread-safe.
 */
public final class TraceReplayer {

    private final PortAllocator allocator;
    private final Trace trace;
    private final long[] times;
    private final int[] ops;
    private final long lapNanos;
    private final long startTime;
    private final int[] portOf;
    private final long[] destinations;

    private int index;
    private long lapStart;
    private long opens;
    private long failures;
    private long closes;
    private long reclaims;
    private long reclaimedInTimeWait;

    /**
     * @param trace the events to replay
     * @param allocator an allocator for the trace's workload range, with every port free
     * @param startTime the allocator time of the first lap's start (any value: time wraps like nanoTime)
     * @throws IllegalArgumentException if the allocator's range is not the workload's
     */
    public TraceReplayer(Trace trace, PortAllocator allocator, long startTime) {
        this(trace, allocator, startTime, null);
    }

    /**
     * As {@link #TraceReplayer(Trace, PortAllocator, long)}, with connection {@code c} going to
     * {@code destinations[c % destinations.length]}, for the destination-aware selection policies.
     *
     * @param destinations destination keys (see {@code Destinations}), or null for {@link PortAllocator#ANY_DESTINATION}
     */
    public TraceReplayer(Trace trace, PortAllocator allocator, long startTime, long[] destinations) {
        Workload w = trace.workload();
        if (allocator.firstPort() != w.firstPort() || allocator.lastPort() != w.lastPort()) {
            throw new IllegalArgumentException("allocator range " + allocator.firstPort() + "-" + allocator.lastPort()
                    + " (expected: the workload's " + w.firstPort() + "-" + w.lastPort() + ")");
        }
        this.allocator = allocator;
        this.trace = trace;
        this.times = trace.timesArray();
        this.ops = trace.opsArray();
        this.lapNanos = trace.lapNanos();
        this.startTime = startTime;
        this.portOf = new int[trace.connections()];
        Arrays.fill(portOf, PortAllocator.NO_PORT);
        if (destinations != null && destinations.length == 0) {
            throw new IllegalArgumentException("destinations: empty (expected at least one, or null)");
        }
        this.destinations = destinations == null ? null : destinations.clone();
    }

    /**
     * Replays the next event.
     *
     * @return the port the event concerned (the one allocated, released or reclaimed), or
     *     {@link PortAllocator#NO_PORT} for a failed open or an event of a connection that is not open
     */
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
        switch (op & 3) {
            case Trace.OPEN:
                port = destinations == null ? allocator.allocate(now)
                        : allocator.allocate(now, destinations[connection % destinations.length]);
                portOf[connection] = port;
                opens++;
                if (port == PortAllocator.NO_PORT) {
                    failures++;
                }
                return port;
            case Trace.CLOSE:
                if (port != PortAllocator.NO_PORT) {
                    allocator.release(port, now);
                    closes++;
                }
                return port;
            default:
                if (port != PortAllocator.NO_PORT) {
                    portOf[connection] = PortAllocator.NO_PORT;
                    reclaims++;
                    if (allocator.reclaim(port, now)) {
                        reclaimedInTimeWait++;
                    }
                }
                return port;
        }
    }

    /** Replays {@code events} events; answers the sum of the ports they returned, to be consumed. */
    public long run(long events) {
        long sum = 0;
        for (long e = 0; e < events; e++) {
            sum += step();
        }
        return sum;
    }

    /** Events in one lap of the trace. */
    public int lapEvents() {
        return times.length;
    }

    /** The allocator time of the next event. */
    public long nextTime() {
        return startTime + lapStart + times[index];
    }

    /** The index in {@link #trace()} of the next event. */
    public int nextIndex() {
        return index;
    }

    /** The trace replayed. */
    public Trace trace() {
        return trace;
    }

    public PortAllocator allocator() {
        return allocator;
    }

    /** Opens attempted. */
    public long opens() {
        return opens;
    }

    /** Opens that got {@link PortAllocator#NO_PORT}: failed connects. */
    public long failures() {
        return failures;
    }

    /** Ports released. */
    public long closes() {
        return closes;
    }

    /** Reclaims attempted on a closed connection's port. */
    public long reclaims() {
        return reclaims;
    }

    /** Reclaims that found their port still in TIME-WAIT. */
    public long reclaimedInTimeWait() {
        return reclaimedInTimeWait;
    }

    /** Connections open now: opened and not yet closed. */
    public long openConnections() {
        return opens - failures - closes;
    }
}
