package dev.portbench.allocator.structure;

import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.PortSelection;

/**
 * A {@link ShardPart} around any single-owner allocator: the shard's monitor guards the allocator
 * and a clock kept inline ({@link SkewClamp}'s rule: a call behind the clock acts at it).
 *
 * <h2>Implementation notes</h2>
 * The fields are padded by 128 bytes on both sides (two cache lines, as adjacent-line prefetch
 * pairs them; the JCTools layout: superclass fields come first), so that nothing another shard
 * writes shares a line with them; the object header, which the monitor writes on every call,
 * follows the spacer {@link ShardedPortAllocator} allocates before each shard. Costs: the wrapped
 * allocator's plus one monitor enter and exit and a second call layer. No allocation.
 *
 * <p>Thread-safe (every method under the monitor).
 */
final class Shard extends ShardFields implements ShardPart {

    @SuppressWarnings("unused")
    private long a00, a01, a02, a03, a04, a05, a06, a07, a08, a09, a10, a11, a12, a13, a14, a15;

    Shard(PortAllocator allocator) {
        super(allocator);
    }

    /**
     * The time the allocator acts at for a call at {@code now}: {@code max(now, clock)}, compared
     * without overflow ({@link Lifetime#relative}; any skew: the sharded allocator bounds it).
     */
    private long effective(long now) {
        return started ? origin + Lifetime.relative(now, origin, clock - origin, Long.MAX_VALUE) : now;
    }

    /** The allocator accepted a call at {@code t}. */
    private void accepted(long t) {
        if (!started) {
            started = true;
            origin = t;
        }
        clock = t;
    }

    @Override
    public synchronized int allocate(long now, long destination) {
        long t = effective(now);
        int port = allocator.allocate(t, destination);
        accepted(t);
        return port;
    }

    @Override
    public synchronized void release(int port, long now) {
        long t = effective(now);
        allocator.release(port, t);
        accepted(t);
    }

    @Override
    public synchronized boolean reclaim(int port, long now) {
        long t = effective(now);
        boolean was = allocator.reclaim(port, t);
        accepted(t);
        return was;
    }

    @Override
    public synchronized int expire(long now) {
        long t = effective(now);
        int freed = allocator.expire(t);
        accepted(t);
        return freed;
    }

    @Override
    public synchronized long nextExpiryTime() {
        return allocator.nextExpiryTime();
    }

    @Override
    public synchronized int inUseCount() {
        return allocator.inUseCount();
    }

    @Override
    public synchronized int timeWaitCount() {
        return allocator.timeWaitCount();
    }

    @Override
    public synchronized int freeCount() {
        return allocator.freeCount();
    }

    @Override
    public synchronized long probes() {
        return allocator.probes();
    }

    @Override
    public int firstPort() {
        return allocator.firstPort();
    }

    @Override
    public int lastPort() {
        return allocator.lastPort();
    }

    @Override
    public String name() {
        return allocator.name();
    }

    @Override
    public long timeWaitNanos() {
        return allocator.timeWaitNanos();
    }

    @Override
    public long maxLatenessNanos() {
        return allocator.maxLatenessNanos();
    }

    @Override
    public PortSelection selection() {
        return allocator.selection();
    }

    @Override
    public String description() {
        return "one lock around: " + allocator.description();
    }

    @Override
    public synchronized boolean hasStarted() {
        return started;
    }

    @Override
    public synchronized long clockTime() {
        return clock;
    }
}

/** Padding before a {@link Shard}'s fields: 128 bytes. */
abstract class ShardPadBefore {
    @SuppressWarnings("unused")
    private long b00, b01, b02, b03, b04, b05, b06, b07, b08, b09, b10, b11, b12, b13, b14, b15;
}

/** A {@link Shard}'s hot fields: the allocator and its clock. */
abstract class ShardFields extends ShardPadBefore {
    final PortAllocator allocator;
    boolean started;
    /** The first accepted call's time. */
    long origin;
    /** The last accepted call's time (absolute). */
    long clock;

    ShardFields(PortAllocator allocator) {
        this.allocator = allocator;
    }
}
