package dev.portbench.allocator.structure;

import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.PortSelection;

/**
 * Any {@link PortAllocator} behind one lock: the thread-safe allocator a user writes first, and
 * the baseline every other thread-safe design is measured against.
 *
 * <h2>Implementation notes</h2>
 * Every call holds the wrapper's monitor ({@code synchronized}) for the whole of the wrapped call,
 * so the calls are linearizable in lock order and the wrapped allocator keeps its whole contract:
 * its costs, bytes per port and lateness. The lock adds two atomic instructions per call
 * uncontended; contended, threads queue on it (they block, they do not spin) and throughput
 * cannot grow with threads. A JVM monitor allocates nothing on the Java heap, contended or not.
 *
 * <p>Time from several threads: a call whose {@code now} is behind the last accepted time by at
 * most the configured tolerance acts at that time ({@link SkewClamp}): never early, late by at
 * most the skew. A call further behind is rejected as time going backwards, leaving the state as
 * it was.
 *
 * <p>Thread-safe, blocking. The wrapped allocator must be new (every port free) and reached only
 * through this wrapper.
 */
final class LockedPortAllocator extends RangeAllocatorBase implements PortAllocator {

    private final PortAllocator inner;
    private final long tolerance;
    private final SkewClamp clamp = new SkewClamp();

    LockedPortAllocator(String name, PortAllocator inner, long toleranceNanos) {
        super(name, inner.firstPort(), inner.lastPort(), inner.timeWaitNanos());
        this.inner = inner;
        this.tolerance = toleranceNanos;
    }

    /** {@code now} checked against the tolerance, moved up to the clock if a little behind. */
    private long effective(long now) {
        return clamp.effective(now, tolerance);
    }

    /** The port range is checked first, as the contract orders the checks (the wrapped allocator checks it again). */
    private void checkPort(int port) {
        if (port < firstPort || port > lastPort) {
            throw Checks.portOutsideRange(port, firstPort, lastPort);
        }
    }

    @Override
    public synchronized int allocate(long now, long destination) {
        long t = effective(now);
        int port = inner.allocate(t, destination);
        clamp.accepted(t);
        return port;
    }

    @Override
    public synchronized void release(int port, long now) {
        checkPort(port);
        long t = effective(now);
        inner.release(port, t);
        clamp.accepted(t);
    }

    @Override
    public synchronized boolean reclaim(int port, long now) {
        checkPort(port);
        long t = effective(now);
        boolean was = inner.reclaim(port, t);
        clamp.accepted(t);
        return was;
    }

    @Override
    public synchronized int expire(long now) {
        long t = effective(now);
        int freed = inner.expire(t);
        clamp.accepted(t);
        return freed;
    }

    @Override
    public synchronized long nextExpiryTime() {
        return inner.nextExpiryTime();
    }

    @Override
    public synchronized int inUseCount() {
        return inner.inUseCount();
    }

    @Override
    public synchronized long probes() {
        return inner.probes();
    }

    @Override
    public synchronized int timeWaitCount() {
        return inner.timeWaitCount();
    }

    @Override
    public synchronized int freeCount() {
        return inner.freeCount();
    }

    @Override
    public long maxLatenessNanos() {
        return inner.maxLatenessNanos();
    }

    @Override
    public PortSelection selection() {
        return inner.selection();
    }

    @Override
    public String description() {
        return "one lock (synchronized) around: " + inner.description();
    }

    @Override
    public synchronized String toString() {
        return name + "{" + inner + "}";
    }
}
