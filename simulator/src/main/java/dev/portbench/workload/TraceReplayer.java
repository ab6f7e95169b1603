package dev.portbench.workload;

import dev.portbench.allocator.ConnectionPortAllocator;
import dev.portbench.allocator.PortAllocator;

import java.util.Arrays;

/**
 * The one replayer of a {@link Trace}: one event per {@link #step()}, lap after lap, with time
 * continuing across laps, against a {@link ReplayTarget}: a {@link PortAllocator} (the
 * constructors), a destination-aware {@link ConnectionPortAllocator} ({@link #forConnections}),
 * the floor ({@link #floor}) or nothing ({@link #walkOnly}, the harness baseline). It remembers
 * which port each connection got, so that a connection whose open failed is neither closed nor
 * reclaimed: a failed connect, not retried.
 *
 * <p>{@link #step()} reads two array slots and calls the target once: no allocation, no random
 * numbers. One call site per replayer, so in a fork that replays one kind of target the call is
 * monomorphic and inlined. It keeps counts of what happened, which the benchmarks' self-checks
 * and the simulation read.
 *
 * <p>Not thread-safe.
 */
public final class TraceReplayer {

    private final ReplayTarget target;
    private final Trace trace;
    private final long[] times;
    private final int[] ops;
    private final long lapNanos;
    private final long startTime;
    private final int[] portOf;

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
        this(trace, new PortAllocatorTarget(checkRange(trace, allocator.firstPort(), allocator.lastPort(), allocator),
                checkDestinations(destinations)), startTime);
    }

    /** Replays {@code trace} against any {@code target}, the first lap starting at {@code startTime}. */
    public TraceReplayer(Trace trace, ReplayTarget target, long startTime) {
        this.target = target;
        this.trace = trace;
        this.times = trace.timesArray();
        this.ops = trace.opsArray();
        this.lapNanos = trace.lapNanos();
        this.startTime = startTime;
        this.portOf = new int[trace.connections()];
        Arrays.fill(portOf, PortAllocator.NO_PORT);
    }

    /**
     * Replays {@code trace} against a destination-aware allocator: connection {@code c} connects to
     * {@code destinationKeys[c]}, closes into TIME-WAIT, and may be reclaimed.
     *
     * @throws IllegalArgumentException if the allocator's range is not the workload's, or there is
     *     not one destination key per connection
     */
    public static TraceReplayer forConnections(Trace trace, long[] destinationKeys, ConnectionPortAllocator allocator,
                                               long startTime) {
        checkRange(trace, allocator.firstPort(), allocator.lastPort(), allocator);
        if (destinationKeys.length != trace.connections()) {
            throw new IllegalArgumentException("destinationKeys: " + destinationKeys.length + " (expected: one per connection, "
                    + trace.connections() + ")");
        }
        return new TraceReplayer(trace, new ConnectionAllocatorTarget(allocator, destinationKeys), startTime);
    }

    /** Replays {@code trace} against a new {@link ReplayFloor} of its workload: the lower bound. */
    public static TraceReplayer floor(Trace trace, long startTime) {
        return new TraceReplayer(trace, new ReplayFloor(trace.workload()), startTime);
    }

    /**
     * Walks {@code trace} with a target that does nothing (every open "gets" its connection's
     * number): the harness baseline that tells how much of a replayed event's cost is the replay
     * itself.
     */
    public static TraceReplayer walkOnly(Trace trace, long startTime) {
        return new TraceReplayer(trace, NoTarget.INSTANCE, startTime);
    }

    private static <T> T checkRange(Trace trace, int firstPort, int lastPort, T allocator) {
        Workload w = trace.workload();
        if (firstPort != w.firstPort() || lastPort != w.lastPort()) {
            throw new IllegalArgumentException("allocator range " + firstPort + "-" + lastPort
                    + " (expected: the workload's " + w.firstPort() + "-" + w.lastPort() + ")");
        }
        return allocator;
    }

    private static long[] checkDestinations(long[] destinations) {
        if (destinations != null && destinations.length == 0) {
            throw new IllegalArgumentException("destinations: empty (expected at least one, or null)");
        }
        return destinations == null ? null : destinations.clone();
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
                port = target.open(now, connection);
                portOf[connection] = port;
                opens++;
                if (port == PortAllocator.NO_PORT) {
                    failures++;
                }
                return port;
            case Trace.CLOSE:
                if (port != PortAllocator.NO_PORT) {
                    target.close(port, connection, now);
                    closes++;
                }
                return port;
            default:
                if (port != PortAllocator.NO_PORT) {
                    portOf[connection] = PortAllocator.NO_PORT;
                    reclaims++;
                    if (target.reclaim(port, connection, now)) {
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

    /** What this replayer drives. */
    public ReplayTarget target() {
        return target;
    }

    /**
     * The allocator replayed against.
     *
     * @throws IllegalStateException if this replayer drives no {@link PortAllocator}
     */
    public PortAllocator allocator() {
        if (target instanceof PortAllocatorTarget t) {
            return t.allocator();
        }
        throw new IllegalStateException("this replayer drives " + target.getClass().getSimpleName() + ", not a PortAllocator");
    }

    /**
     * The destination-aware allocator replayed against.
     *
     * @throws IllegalStateException if this replayer drives none ({@link #forConnections} builds one that does)
     */
    public ConnectionPortAllocator connectionAllocator() {
        if (target instanceof ConnectionAllocatorTarget t) {
            return t.allocator();
        }
        throw new IllegalStateException("this replayer drives " + target.getClass().getSimpleName()
                + ", not a ConnectionPortAllocator");
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
