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
     * Worker {@code index}'s view of this allocator, for an event loop to keep: its allocations
     * are homed on shard {@code index mod shardCount()} whatever thread calls and whatever
     * destination it passes; every other call, the costs and the guarantees are this allocator's.
     * With one shard per worker ({@link AllocatorConfig.Builder#shards}), N workers taking views
     * 0..N-1 never share a lock while their shards have ports. Plain calls on this allocator stay
     * homed as {@link #homeShardOf} says.
     *
     * @throws IllegalArgumentException if {@code index < 0}
     */
    PortAllocator worker(int index);

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
