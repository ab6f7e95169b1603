package dev.portbench.allocator.structure;

import dev.portbench.allocator.PortSelection;

/**
 * One shard of a {@link ShardedPortAllocator}: a part of the range that guards itself with its
 * own monitor and acts at its own clock for a call a little behind it.
 *
 * <p>Every method takes the shard's monitor ({@code synchronized} on the shard object), which is
 * also the lock the sharded allocator takes, in index order, when it needs all shards at one
 * instant: a call made while that lock is held re-enters it. A call whose {@code now} is behind the
 * shard's clock acts at the clock (never early, late by the skew); the sharded allocator's
 * {@link SharedClock} has already rejected any call further behind than its tolerance, so a shard
 * rejects none for its time. Two implementations: {@link RingShard} (the ring with the lock fused
 * in, no layer between) and {@link Shard} (a lock and a clock around any single-owner allocator).
 */
interface ShardPart {

    int allocate(long now, long destination);

    void release(int port, long now);

    boolean reclaim(int port, long now);

    int expire(long now);

    long nextExpiryTime();

    int inUseCount();

    int timeWaitCount();

    int freeCount();

    long probes();

    long timeWaitNanos();

    long maxLatenessNanos();

    PortSelection selection();

    String description();

    /** Whether the shard accepted a call yet. */
    boolean hasStarted();

    /** The time of the shard's last accepted call (meaningful once {@link #hasStarted()}). */
    long clockTime();
}
