package dev.portbench.allocator.structure;

import dev.portbench.allocator.PortAllocator;

/**
 * One shard of a {@link ShardedPortAllocator}: an allocator over a part of the range that guards
 * itself with its own monitor and acts at its own clock for a call behind it.
 *
 * <p>Every method that reads or changes the shard's state takes its monitor ({@code synchronized}
 * on the shard object), which is
 * also the lock the sharded allocator takes, in index order, when it needs all shards at one
 * instant: a call made while that lock is held re-enters it. A call whose {@code now} is behind the
 * shard's clock acts at the clock (never early, late by the skew); the sharded allocator's
 * {@link SharedClock} has already rejected any call further behind than its tolerance, so a shard
 * rejects none for its time. Two implementations: {@link RingShard} (the ring with the lock fused
 * in, no layer between) and {@link Shard} (a lock and a clock around any single-owner allocator).
 */
interface ShardPart extends PortAllocator {

    /** Whether the shard accepted a call yet. */
    boolean hasStarted();

    /** The time of the shard's last accepted call (meaningful once {@link #hasStarted()}). */
    long clockTime();
}
