package dev.portbench.workload;

import dev.portbench.allocator.PortAllocator;

/**
 * A {@link PortAllocator} as a {@link ReplayTarget}: an open allocates (for connection {@code c}'s
 * destination {@code destinations[c % n]} when there are destinations), a close releases, a
 * reclaim reclaims. Adds nothing but the call; allocation-free.
 */
record PortAllocatorTarget(PortAllocator allocator, long[] destinations) implements ReplayTarget {

    @Override
    public int open(long now, int connection) {
        return destinations == null ? allocator.allocate(now)
                : allocator.allocate(now, destinations[connection % destinations.length]);
    }

    @Override
    public void close(int port, int connection, long now) {
        allocator.release(port, now);
    }

    @Override
    public boolean reclaim(int port, int connection, long now) {
        return allocator.reclaim(port, now);
    }
}
