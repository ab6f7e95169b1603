package dev.portbench.allocator.structure;

import dev.portbench.allocator.AllocatorConfig;

/**
 * {@link RingPortAllocator} with its own monitor taken by every call: the lock and the clock-skew
 * clamp fused into the ring instead of a {@link LockedPortAllocator} around it.
 *
 * <h2>Implementation notes</h2>
 * Each public method of the ring is overridden as {@code synchronized} and calls the ring's own;
 * a call whose {@code now} is behind the ring's clock by at most the configured tolerance acts at
 * the clock inside the ring's own time check (never early, late by at most the skew), a call
 * further behind is rejected with the state unchanged. Same results, costs, 12 bytes per port
 * and lateness as the ring, plus one uncontended monitor enter and exit per call. Why not the
 * wrapper: measured on a 2-core EPYC at one thread, the wrapper's second call layer and second
 * clock check cost more than the monitor itself (without any lock it was still 1.43-1.49x a
 * bare ring).
 *
 * <p>Thread-safe, linearizable (every call atomic under the one monitor), blocking; no allocation
 * (a JVM monitor lives off the Java heap). Not final: {@link RingShard} is this ring as one shard
 * of a sharded allocator.
 */
class LockedRingPortAllocator extends RingPortAllocator {

    LockedRingPortAllocator(String name, AllocatorConfig config) {
        this(name, config, config.clockSkewToleranceNanos());
    }

    /** As above with the given tolerance ({@link RingShard}'s: any skew, bounded by the sharded allocator). */
    LockedRingPortAllocator(String name, AllocatorConfig config, long skewToleranceNanos) {
        super(name, config, 1, skewToleranceNanos);
    }

    @Override
    public synchronized int allocate(long now, long destination) {
        return super.allocate(now, destination);
    }

    @Override
    public synchronized void release(int port, long now) {
        super.release(port, now);
    }

    @Override
    public synchronized boolean reclaim(int port, long now) {
        return super.reclaim(port, now);
    }

    @Override
    public synchronized int expire(long now) {
        return super.expire(now);
    }

    @Override
    public synchronized long nextExpiryTime() {
        return super.nextExpiryTime();
    }

    @Override
    public synchronized int inUseCount() {
        return super.inUseCount();
    }

    @Override
    public synchronized int timeWaitCount() {
        return super.timeWaitCount();
    }

    @Override
    public synchronized int freeCount() {
        return super.freeCount();
    }

    @Override
    public synchronized long probes() {
        return super.probes();
    }

    @Override
    public String description() {
        return "one lock (synchronized) fused into: " + super.description();
    }

    @Override
    public synchronized String toString() {
        return super.toString();
    }
}
