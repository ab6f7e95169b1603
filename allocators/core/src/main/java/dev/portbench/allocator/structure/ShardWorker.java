package dev.portbench.allocator.structure;

import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.PortSelection;

/**
 * One worker's view of a {@link ShardedPortAllocator}: the same allocator, whose allocations are
 * homed on the worker's shard, whatever thread calls and whatever destination it passes. An event
 * loop takes one view and keeps it, so that N loops on N shards never share a lock while their
 * shards have ports; every other call is the allocator's own.
 *
 * <p>Costs, guarantees and thread-safety are the allocator's; a view holds two ints and a
 * reference, and allocates nothing.
 */
final class ShardWorker implements PortAllocator {

    private final ShardedPortAllocator sharded;
    private final int index;
    private final int home;

    ShardWorker(ShardedPortAllocator sharded, int index, int home) {
        this.sharded = sharded;
        this.index = index;
        this.home = home;
    }

    @Override
    public int allocate(long now, long destination) {
        return sharded.allocateFrom(home, now, destination);
    }

    @Override
    public void release(int port, long now) {
        sharded.release(port, now);
    }

    @Override
    public boolean reclaim(int port, long now) {
        return sharded.reclaim(port, now);
    }

    @Override
    public int expire(long now) {
        return sharded.expire(now);
    }

    @Override
    public long nextExpiryTime() {
        return sharded.nextExpiryTime();
    }

    @Override
    public int inUseCount() {
        return sharded.inUseCount();
    }

    @Override
    public long probes() {
        return sharded.probes();
    }

    @Override
    public int timeWaitCount() {
        return sharded.timeWaitCount();
    }

    @Override
    public int freeCount() {
        return sharded.freeCount();
    }

    @Override
    public int firstPort() {
        return sharded.firstPort();
    }

    @Override
    public int lastPort() {
        return sharded.lastPort();
    }

    @Override
    public long timeWaitNanos() {
        return sharded.timeWaitNanos();
    }

    @Override
    public long maxLatenessNanos() {
        return sharded.maxLatenessNanos();
    }

    @Override
    public PortSelection selection() {
        return sharded.selection();
    }

    @Override
    public String name() {
        return sharded.name();
    }

    @Override
    public String description() {
        return "worker " + index + " (home shard " + home + ") of " + sharded.description();
    }

    @Override
    public String toString() {
        return sharded + "{worker " + index + ", home shard " + home + "}";
    }
}
