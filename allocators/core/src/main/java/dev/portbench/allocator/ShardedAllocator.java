package dev.portbench.allocator;

/**
 * A thread-safe allocator whose range is split into shards, each with its own lock, free ports
 * and TIME-WAIT structure: what it tells beyond {@link PortAllocator} about how often threads
 * had to leave their home shard. Counts are totals since creation, read without stopping the
 * allocator (each is exact once calls have stopped).
 */
public interface ShardedAllocator extends PortAllocator {

    /** How many shards the range is split into. */
    int shardCount();

    /**
     * The home shard of a caller passing {@code destination} (callers passing
     * {@link #ANY_DESTINATION} are homed by thread instead), in {@code 0..shardCount()-1}.
     */
    int homeShardOf(long destination);

    /**
     * Allocations served by a shard other than the caller's home shard, because the home one had
     * no free port: each would have been a false exhaustion (a failure while a port was free) in
     * a design without borrowing, such as per-worker slices that fail when their own is empty.
     */
    long borrows();

    /** Allocations answered {@link #NO_PORT}: every shard was out of free ports at one instant. */
    long exhaustions();

}
