package dev.portbench.allocator.structure;

import dev.portbench.allocator.AllocatorConfig;

/**
 * A {@link ShardPart} that is a ring: {@link LockedRingPortAllocator} (the ring with its monitor
 * fused in) over the shard's part of the range, accepting any skew (the sharded allocator's
 * {@link SharedClock} bounds it), with 128 bytes of padding after its fields.
 *
 * <h2>Implementation notes</h2>
 * The sharded allocator calls the ring directly: one monitor enter and exit and the ring's own
 * clock clamp, no wrapper between (a {@link Shard} around a ring adds a second call layer and a
 * second clock). The ring's fields come first in the object (superclass fields first), so there
 * is no padding field before them: the spacer {@link ShardedPortAllocator} allocates just before
 * each shard keeps the previous shard's memory off their cache lines, and the padding after them
 * keeps this shard's arrays, which the constructor allocates next, off the header's line. Costs,
 * 12 bytes per port and lateness: the ring's.
 *
 * <p>Thread-safe (every call under the ring's monitor); no allocation.
 */
final class RingShard extends LockedRingPortAllocator implements ShardPart {

    @SuppressWarnings("unused")
    private long a00, a01, a02, a03, a04, a05, a06, a07, a08, a09, a10, a11, a12, a13, a14, a15;

    RingShard(String name, AllocatorConfig config) {
        super(name, config, Long.MAX_VALUE);
    }

    @Override
    public synchronized boolean hasStarted() {
        return isStarted();
    }

    @Override
    public synchronized long clockTime() {
        return lastTime();
    }
}
