package dev.portbench.workload;

import dev.portbench.allocator.ConnectionPortAllocator;

/**
 * A destination-aware {@link ConnectionPortAllocator} as a {@link ReplayTarget}: connection
 * {@code c} connects to, releases towards and is reclaimed from {@code destinationKeys[c]}. Adds
 * one array read and the call; allocation-free.
 */
record ConnectionAllocatorTarget(ConnectionPortAllocator allocator, long[] destinationKeys) implements ReplayTarget {

    @Override
    public int open(long now, int connection) {
        return allocator.connect(now, destinationKeys[connection]);
    }

    @Override
    public void close(int port, int connection, long now) {
        allocator.release(port, destinationKeys[connection], now);
    }

    @Override
    public boolean reclaim(int port, int connection, long now) {
        return allocator.reclaim(port, destinationKeys[connection], now);
    }
}
